"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Markets", active: (path: string) => path === "/" },
  { href: "/jobs", label: "Open jobs", active: (path: string) => path === "/jobs" || path.startsWith("/jobs/") },
  { href: "/suppliers", label: "Suppliers", active: (path: string) => path === "/suppliers" || path.startsWith("/suppliers/") },
  { href: "/post", label: "Post a job", active: (path: string) => path === "/post" },
  { href: "/activity", label: "My activity", active: (path: string) => path.startsWith("/activity") || path.startsWith("/arbitrators/") },
];

export function NavLinks() {
  const path = usePathname() ?? "/";
  return (
    <ul className="nav-list">
      {LINKS.map((link) => (
        <li key={link.href}>
          <Link href={link.href} aria-current={link.active(path) ? "page" : undefined}>
            {link.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

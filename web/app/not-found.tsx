import Link from "next/link";

export default function NotFound() {
  return (
    <section className="panel">
      <h1>Not found</h1>
      <p>There is no such page, job or supplier (or the indexer has not reached it yet).</p>
      <p>
        <Link href="/jobs">Open jobs</Link> · <Link href="/">Markets</Link>
      </p>
    </section>
  );
}

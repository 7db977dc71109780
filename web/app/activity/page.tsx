// My activity: the connected wallet's jobs in each role (app/activity/[address]). Without a wallet, any address.
import type { Metadata } from "next";
import { ActivityChooser } from "../../components/ActivityChooser.tsx";

export const metadata: Metadata = { title: "My activity" };

export default function ActivityPage() {
  return (
    <>
      <header className="page-header">
        <h1>My activity</h1>
        <p className="lede">Your jobs as a buyer, as a supplier and as an arbitrator.</p>
      </header>
      <ActivityChooser />
    </>
  );
}

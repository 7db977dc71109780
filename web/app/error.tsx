"use client";
// Anything a page did not expect: say so, and offer to try again (the indexer or the chain may be restarting).
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="panel panel-error" role="alert">
      <h1>Something went wrong</h1>
      <p>{error.digest ? `The server failed to render this page (error ${error.digest}).` : error.message}</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>
      </p>
    </section>
  );
}

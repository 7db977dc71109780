// The indexer's HTTP API (Ponder serves it beside /health, /ready, /status and /metrics):
//   /graphql        GraphQL over every table (POST; the GET page needs a CDN)
//   /sql            a JSON note on how to query; /sql/db, /sql/live: SQL over HTTP for @ponder/client, behind
//                   sql.ts's guard (JSON errors with their status) and with each query bounded in time
//                   (sql.ts's boundedSqlDb: a statement timeout on PostgreSQL, a planned cost on PGlite)
//   /api/...        REST for the web app and scripts: one module per resource in routes/, sharing http.ts (JSON,
//                   errors, parameters) and reads.ts; the shapes of their answers are types.ts
// REST answers JSON; amounts, ids and block numbers are decimal strings; addresses lowercase; times Unix seconds.
// A bad parameter is a 400 with { error: "<sentence naming the parameter>" }; an unknown thing a 404 likewise;
// whatever else fails is http.ts's onError: a known error its 4xx, the rest 500 { error: "internal error" }.
import { Hono } from "hono";
import { db } from "ponder:api";
import schema from "ponder:schema";
import { client, graphql } from "ponder";
import arbitrators from "./routes/arbitrators.ts";
import buyers from "./routes/buyers.ts";
import jobs from "./routes/jobs.ts";
import leaderboard from "./routes/leaderboard.ts";
import { graphqlStatus, onError } from "./http.ts";
import markets from "./routes/markets.ts";
import suppliers from "./routes/suppliers.ts";
import { boundedSqlDb, sqlGuard } from "./sql.ts";

const app = new Hono();

app.use("/sql", sqlGuard);
app.use("/sql/*", sqlGuard, client({ db: boundedSqlDb(db), schema }));
app.use("/graphql", graphqlStatus, graphql({ db, schema }));

for (const routes of [jobs, suppliers, leaderboard, buyers, markets, arbitrators]) app.route("/", routes);

app.all("/api/*", (c) => c.json({ error: `No endpoint ${c.req.method} ${c.req.path}; see indexer/README.md.` }, 404));

app.onError(onError);

export default app;

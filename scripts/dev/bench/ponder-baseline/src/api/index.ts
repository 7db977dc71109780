// Ponder requires an API file; its own /status, /ready and /health are all the benchmark reads.
import { Hono } from "hono";

export default new Hono();

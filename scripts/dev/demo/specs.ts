// Job specs the demo posts (the shape of PROTOCOL.md's job spec; the SDK publishes its JSON Schema later).
export interface DemoSpec {
  category: string;
  spec: string;
}

function spec(category: string, title: string, task: string, input: string, acceptance: object[]): DemoSpec {
  return {
    category,
    spec: JSON.stringify({
      version: 1,
      title,
      category,
      task,
      inputs: [{ name: "input", text: input }],
      acceptance,
      deliverable: { mediaType: "text/plain", via: "uri" },
    }),
  };
}

export const DEMO_SPECS: DemoSpec[] = [
  spec("text", "Summarize a release note", "Summarize the input in exactly three bullet points.", "Tender 0.1 adds direct hires, escrow and reputation counters.", [
    { id: "three-bullets", description: "Exactly three lines starting with '- '", regex: "^(- .+\\n){3}$" },
  ]),
  spec("code", "Fix an off-by-one", "Make `range(n)` return 0..n-1 and keep the tests green.", "function range(n) { return [...Array(n + 1).keys()]; }", [
    { id: "tests", description: "The repository's tests pass", command: "npm test" },
  ]),
  spec("support_ticket_resolved", "Answer a refund question", "Reply to the customer with the refund policy and close the ticket.", "Hi, can I get my money back after 20 days?", [
    { id: "policy", description: "Mentions the 30-day window", regex: "30[- ]day" },
  ]),
  spec("text", "Translate a greeting", "Translate the input to French.", "Good morning, and welcome to the market.", [
    { id: "answer", description: "Exact translation", exact: "Bonjour, et bienvenue au marché." },
  ]),
  spec("code", "Add a JSON Schema", "Write a JSON Schema for the input object.", '{"name":"agent","price":12}', [
    { id: "schema", description: "Valid JSON Schema draft 2020-12", jsonSchema: { type: "object" } },
  ]),
  spec("text", "Name a product", "Propose one name for an exchange of machine labor.", "Audience: developers", [
    { id: "one-line", description: "One line, at most 24 characters", regex: "^.{1,24}$" },
  ]),
];

import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { SpecView } from "./SpecView.tsx";

const spec = {
  version: 1,
  title: "Sort the supplier list",
  category: "text.transform",
  task: "Sort the lines of the input alphabetically.",
  inputs: [
    { name: "input", text: "pear\napple\nfig\n" },
    { name: "style", uri: "https://example.com/style.txt" },
  ],
  acceptance: [
    { id: "same", description: "Keeps every line", sameLinesAs: "input" },
    { id: "sorted", description: "In order", sortedLines: true },
    { id: "size", description: "Three lines", lines: { min: 3, max: 3 } },
    { id: "bullets", description: "Bullets", regex: "^- ", flags: "m" },
    { id: "review", description: "Looks right", command: "diff -u expected.txt out.txt" },
  ],
  deliverable: { mediaType: "text/plain", via: "uri" },
  transform: { op: "sort-lines", input: "input" },
};

describe("SpecView", () => {
  it("renders the task, the inputs and each acceptance rule in words", () => {
    render(<SpecView text={JSON.stringify(spec)} hash="0xabc" />);
    expect(screen.getByRole("heading", { name: "Task" })).toBeDefined();
    expect(screen.getByText("Sort the lines of the input alphabetically.")).toBeDefined();

    const inputs = screen.getByRole("region", { name: "Inputs" });
    expect(within(inputs).getByText(/pear/).tagName).toBe("PRE");
    expect(within(inputs).getByRole("link", { name: "https://example.com/style.txt" })).toBeDefined();

    const rules = within(screen.getByRole("region", { name: "Acceptance rules" })).getAllByRole("listitem");
    expect(rules).toHaveLength(5);
    expect(rules[0]!.textContent).toContain("has the same lines as the input input, in any order");
    expect(rules[1]!.textContent).toContain("has its lines in sorted order");
    expect(rules[2]!.textContent).toContain("has exactly 3 lines");
    expect(rules[3]!.textContent).toContain("matches the regular expression /^- /m");
    expect(within(rules[4]!).getByText("checked by a person")).toBeDefined();
    expect(within(rules[0]!).getByText("machine-checked")).toBeDefined();

    expect(screen.getByText(/Transform:/).textContent).toBe("Transform: sort-lines on the input input");
    expect(screen.getByText("Spec as posted")).toBeDefined();
  });

  it("shows the SDK's problem and the text as posted when a spec is not valid", () => {
    render(<SpecView text="not json at all" problem="spec: is not JSON (Unexpected token)" />);
    expect(screen.getByRole("note").textContent).toContain("spec: is not JSON");
    expect(screen.getByText("The spec is not a JSON object; it is shown as posted below.")).toBeDefined();
    expect(screen.getByText("not json at all").tagName).toBe("PRE");
  });

  it("nests only valid HTML, so the server's markup hydrates as it is", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const rules = [
      { id: "a", description: "A", exact: "Bonjour.\n" },
      { id: "b", description: "B", jsonSchema: { type: "object" } },
      { id: "c", description: "C", contains: ["x", "y"] },
    ];
    render(<SpecView text={JSON.stringify({ ...spec, acceptance: rules })} />);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("says when a spec has no acceptance rules", () => {
    render(<SpecView text={JSON.stringify({ version: 1, title: "t", category: "c", task: "Do it." })} />);
    expect(screen.getByText("None: the buyer reviews the delivery by hand.")).toBeDefined();
  });
});

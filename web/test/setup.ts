// Unmount what each test rendered (Testing Library's auto-cleanup needs vitest globals, which this config leaves off).
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

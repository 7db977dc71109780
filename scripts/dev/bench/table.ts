// Gas figures by operation: the first run of an operation is its cold figure, the second its warm one.
export interface Row {
  operation: string;
  cold?: bigint;
  warm?: bigint;
}

export class GasTable {
  readonly rows = new Map<string, Row>();

  record(operation: string, gas: bigint): void {
    const row = this.rows.get(operation) ?? { operation };
    if (row.cold === undefined) row.cold = gas;
    else if (row.warm === undefined) row.warm = gas;
    this.rows.set(operation, row);
  }
}

export const formatGas = (gas?: bigint) => (gas === undefined ? "" : gas.toLocaleString("en-US")).padStart(9);

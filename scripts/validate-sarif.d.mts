export function schemaErrors(log: unknown): string[];
export function multitoolErrors(sarifFile: string): string[];

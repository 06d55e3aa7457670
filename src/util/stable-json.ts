/** JSON with a trailing newline and 2-space indent: the one format for every JSON file we write. */
export const toJsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

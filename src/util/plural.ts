/** `1 file`, `2 files`: the count and the noun in the right number. */
export const toCountText = (count: number, singular: string, plural = `${singular}s`): string => `${count} ${count === 1 ? singular : plural}`;

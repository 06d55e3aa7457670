/** Edit distance (Levenshtein), small inputs only: key names and role codes. */
const getDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
};

/**
 * The closest candidate to a mistyped word, or null when none is close: within a third of the
 * word's length (at least 1, at most 3 edits, case ignored), or a candidate the word is a prefix
 * of (`password` → `passwordEnv`).
 */
export const getSuggestion = (word: string, candidates: Iterable<string>): string | null => {
  const lower = word.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of candidates) {
    const other = name.toLowerCase();
    if (other === lower) return name;
    const distance = other.startsWith(lower) && lower.length >= 3 ? 1 : getDistance(lower, other);
    if (best === null || distance < best.distance) best = { name, distance };
  }
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return best !== null && best.distance <= limit ? best.name : null;
};

/** ` (did you mean X?)` or the empty string. */
export const toSuggestionText = (word: string, candidates: Iterable<string>): string => {
  const suggestion = getSuggestion(word, candidates);
  return suggestion === null ? '' : ` (did you mean ${suggestion}?)`;
};


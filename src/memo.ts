/**
 * `fn` remembered by its argument, for pure functions of strings that meet the same few values again
 * and again (registry spellings in every article): at most `cap` values are kept, then all forgotten at
 * once, so a long-lived process (the dev server) stays flat whatever texts it sees. `fn` must not return
 * undefined (it would be made again each time).
 */
export function memoized<T>(fn: (s: string) => T, cap: number): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let v = memo.get(s);
    if (v === undefined) {
      if (memo.size >= cap) memo.clear();
      memo.set(s, (v = fn(s)));
    }
    return v;
  };
}

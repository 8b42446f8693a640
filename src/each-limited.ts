/**
 * The one helper for "this many at a time" (the loader's look-ups, the copies of the
 * seeds into sources/ and the Pagefind runs of src/site/after-build.ts): `fn` over
 * `items` in order of start, at most `limit` calls in flight. Seven lines did not
 * justify a dependency (p-limit, p-map).
 */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

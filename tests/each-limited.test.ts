import { test } from "node:test";
import assert from "node:assert/strict";
import { eachLimited } from "../src/each-limited.js";

test("eachLimited: every item once, with its index, started in order, never more than `limit` in flight", async () => {
  const items = Array.from({ length: 23 }, (_, i) => `item ${i}`);
  const started: number[] = [];
  let inFlight = 0;
  let most = 0;
  await eachLimited(items, 4, async (item, i) => {
    assert.equal(item, items[i]);
    started.push(i);
    most = Math.max(most, ++inFlight);
    // uneven durations: lanes finish out of order
    await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
    inFlight--;
  });
  assert.deepEqual(started, items.map((_, i) => i));
  assert.equal(most, 4);
});

test("eachLimited: no items, or a limit of 0, still settles (one lane)", async () => {
  let calls = 0;
  await eachLimited([], 8, async () => void calls++);
  await eachLimited([1, 2], 0, async () => void calls++);
  assert.equal(calls, 2);
});

test("eachLimited: a rejected call rejects the whole", async () => {
  await assert.rejects(eachLimited([1, 2, 3], 2, async (n) => {
    if (n === 2) throw new Error("two");
  }), /two/);
});

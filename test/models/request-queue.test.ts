import { describe, expect, it } from "@jest/globals";
import { RequestQueue } from "../../models/src/runtime/request-queue.js";

describe("RequestQueue", () => {
  it("admits up to maxConcurrent at once and the rest in arrival order", async () => {
    const queue = new RequestQueue(2);
    const order: number[] = [];
    const releases = await Promise.all([queue.acquire(), queue.acquire()]);
    const waiting = [3, 4].map((n) =>
      queue.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    expect(queue.running).toBe(2);
    expect(queue.waiting).toBe(2);
    releases[0]?.();
    const third = await waiting[0];
    releases[1]?.();
    const fourth = await waiting[1];
    expect(order).toEqual([3, 4]);
    third?.();
    fourth?.();
    expect(queue.running).toBe(0);
  });

  it("drops a waiting request whose signal aborts", async () => {
    const queue = new RequestQueue(1);
    const release = await queue.acquire();
    const controller = new AbortController();
    const waiting = queue.acquire(controller.signal);
    controller.abort(new Error("client went away"));
    await expect(waiting).rejects.toThrow("client went away");
    expect(queue.waiting).toBe(0);
    release();
    expect(queue.running).toBe(0);
  });

  it("rejects waiting and new requests once closed", async () => {
    const queue = new RequestQueue(1);
    await queue.acquire();
    const waiting = queue.acquire();
    queue.close(new Error("unloaded"));
    await expect(waiting).rejects.toThrow("unloaded");
    await expect(queue.acquire()).rejects.toThrow("unloaded");
  });

  it("settles idle() when the last running request releases, not before", async () => {
    const queue = new RequestQueue(2);
    await queue.idle();
    const [a, b] = await Promise.all([queue.acquire(), queue.acquire()]);
    const waiting = queue.acquire();
    let idle = false;
    const settled = queue.idle().then(() => {
      idle = true;
    });
    a();
    const c = await waiting;
    b();
    await Promise.resolve();
    expect(idle).toBe(false);
    c();
    await settled;
    expect(idle).toBe(true);
    expect(queue.running).toBe(0);
  });

  it("ignores a second release", async () => {
    const queue = new RequestQueue(1);
    const release = await queue.acquire();
    release();
    release();
    expect(queue.running).toBe(0);
  });

  it("refuses a non-positive concurrency", () => {
    expect(() => new RequestQueue(0)).toThrow(/positive integer/);
  });
});

import { Batcher, KeyedSerial } from './batching';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedSerial', () => {
  it('runs one key in order, never two at once', async () => {
    const s = new KeyedSerial();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([s.run('a', job('1')), s.run('a', job('2')), s.run('a', job('3'))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(most).toBe(1);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys side by side', async () => {
    const s = new KeyedSerial();
    let running = 0;
    let most = 0;
    const job = async () => {
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
    };
    await Promise.all(['a', 'b', 'c'].map((k) => s.run(k, job)));
    expect(most).toBe(3);
  });

  it('goes on after a failure and forgets idle keys', async () => {
    const s = new KeyedSerial();
    const failed = s.run('a', async () => {
      throw new Error('boom');
    });
    const next = s.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    await tick();
    await tick();
    expect(s.busy).toBe(0);
  });
});

describe('Batcher', () => {
  it('sends a full batch at once, without waiting for the window', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => (batches.push(xs), xs.map((x) => x * 10)), { windowMs: 60_000, maxSize: 3 });
    const out = await Promise.all([1, 2, 3].map((x) => b.add(x)));
    expect(out).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('sends what came within the window as one batch', async () => {
    jest.useFakeTimers();
    try {
      const batches: number[][] = [];
      const b = new Batcher<number, number>(async (xs) => (batches.push(xs), xs), { windowMs: 5, maxSize: 100 });
      const all = Promise.all([b.add(1), b.add(2)]);
      expect(batches).toEqual([]);
      await jest.advanceTimersByTimeAsync(5);
      expect(await all).toEqual([1, 2]);
      expect(batches).toEqual([[1, 2]]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('cuts a burst larger than the cap into batches of the cap, in order', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => (batches.push(xs), xs), { windowMs: 1, maxSize: 4 });
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => b.add(i)));
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(batches.map((x) => x.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(out);
  });

  it('flushes one batch at a time', async () => {
    let running = 0;
    let most = 0;
    const b = new Batcher<number, number>(
      async (xs) => {
        running++;
        most = Math.max(most, running);
        await tick();
        running--;
        return xs;
      },
      { windowMs: 0, maxSize: 2 },
    );
    await Promise.all(Array.from({ length: 9 }, (_, i) => b.add(i)));
    expect(most).toBe(1);
  });

  it('gathers what arrives during a flush into the next batch, like a group commit', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = new Batcher<number, number>(
      async (xs) => {
        batches.push(xs);
        if (batches.length === 1) await gate;
        return xs;
      },
      { windowMs: 0, maxSize: 100 },
    );
    const first = b.add(0);
    await new Promise((r) => setTimeout(r, 20)); // its window passes: the first batch is being flushed
    const rest: Array<Promise<number>> = [];
    for (let i = 1; i <= 5; i++) {
      rest.push(b.add(i));
      await new Promise((r) => setTimeout(r, 10)); // each one's window passes, but the first flush has not ended
    }
    expect(batches).toEqual([[0]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches).toEqual([[0], [1, 2, 3, 4, 5]]);
  });

  it('rejects every item of a failed batch, and the next batch still goes', async () => {
    let fail = true;
    const b = new Batcher<number, number>(
      async (xs) => {
        if (fail) throw new Error('deadlock');
        return xs;
      },
      { windowMs: 0, maxSize: 2 },
    );
    const first = [b.add(1), b.add(2)];
    await expect(first[0]).rejects.toThrow('deadlock');
    await expect(first[1]).rejects.toThrow('deadlock');
    fail = false;
    await expect(b.add(3)).resolves.toBe(3);
  });

  it('refuses a flush that answers the wrong number of results', async () => {
    const b = new Batcher<number, number>(async () => [], { windowMs: 0, maxSize: 1 });
    await expect(b.add(1)).rejects.toThrow(/answered 0/);
  });

  it('drain sends what waits without the window', async () => {
    const batches: number[][] = [];
    const b = new Batcher<number, number>(async (xs) => (batches.push(xs), xs), { windowMs: 60_000, maxSize: 100 });
    const p = b.add(7);
    expect(b.size).toBe(1);
    await b.drain();
    await expect(p).resolves.toBe(7);
    expect(batches).toEqual([[7]]);
  });

  it('refuses nonsense options', () => {
    expect(() => new Batcher(async (x) => x, { windowMs: 1, maxSize: 0 })).toThrow(RangeError);
    expect(() => new Batcher(async (x) => x, { windowMs: -1, maxSize: 1 })).toThrow(RangeError);
  });
});

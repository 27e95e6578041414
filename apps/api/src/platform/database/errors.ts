/** A unique key refused the row (mysql2's error, or TypeORM's QueryFailedError around it). */
export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  return err?.code === 'ER_DUP_ENTRY' || err?.driverError?.code === 'ER_DUP_ENTRY';
}

/** InnoDB chose this statement's transaction as a deadlock's victim and rolled it back (nothing of it was kept). */
export function isDeadlock(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  return err?.code === 'ER_LOCK_DEADLOCK' || err?.driverError?.code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs a short transaction again when InnoDB rolled it back as a deadlock's victim: the rollback kept nothing, so a
 * second try is safe for any `fn` that is one whole transaction (or one statement). After `attempts`, the deadlock is
 * the caller's (a 409 to the client).
 */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isDeadlock(e) || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 20) * i));
    }
  }
}

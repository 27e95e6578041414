import { retryOnDeadlock } from './errors';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK' });

describe('retryOnDeadlock', () => {
  it('tries a deadlock victim again and answers its result', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(async () => (++calls < 3 ? Promise.reject(deadlock()) : 'done'))).resolves.toBe('done');
    expect(calls).toBe(3);
  });

  it('gives the deadlock to the caller after the attempts, and never retries another error', async () => {
    let calls = 0;
    await expect(retryOnDeadlock(() => (calls++, Promise.reject(deadlock())), 2)).rejects.toMatchObject({ code: 'ER_LOCK_DEADLOCK' });
    expect(calls).toBe(2);
    calls = 0;
    const dup = Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY' });
    await expect(retryOnDeadlock(() => (calls++, Promise.reject(dup)))).rejects.toBe(dup);
    expect(calls).toBe(1);
  });

  it('knows TypeORM’s wrapped driver error', async () => {
    let calls = 0;
    const wrapped = Object.assign(new Error('QueryFailedError'), { driverError: { code: 'ER_LOCK_DEADLOCK' } });
    await expect(retryOnDeadlock(async () => (++calls === 1 ? Promise.reject(wrapped) : 1))).resolves.toBe(1);
  });
});

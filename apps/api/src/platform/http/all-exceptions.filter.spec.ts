import { databaseConflict } from './all-exceptions.filter';

describe('database conflicts', () => {
  it.each([
    [{ code: 'ER_LOCK_DEADLOCK', errno: 1213, message: 'Deadlock found when trying to get lock; try restarting transaction' }],
    [{ driverError: { code: 'ER_LOCK_DEADLOCK' }, message: 'Deadlock found' }],
    [{ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205, message: 'Lock wait timeout exceeded' }],
  ])('a deadlock or lock timeout is a 409 the client may retry, without the driver’s words: %j', (e) => {
    const message = databaseConflict(e);
    expect(message).toMatch(/at the same moment.*try again/);
    expect(message).not.toMatch(/Deadlock|restarting/);
  });

  it('other errors are not conflicts', () => {
    expect(databaseConflict({ code: 'ER_DUP_ENTRY' })).toBeNull();
    expect(databaseConflict(new Error('boom'))).toBeNull();
  });
});

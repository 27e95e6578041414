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

  it.each([
    [{ code: 'ER_NO_REFERENCED_ROW_2', errno: 1452, message: 'Cannot add or update a child row: a foreign key constraint fails (`instructions`, CONSTRAINT ...)' }],
    [{ driverError: { code: 'ER_ROW_IS_REFERENCED_2' }, message: 'Cannot delete or update a parent row' }],
  ])('a row referred to that went away meanwhile is a 409 the client may retry, without the driver’s words: %j', (e) => {
    const message = databaseConflict(e);
    expect(message).toMatch(/changed or moved at the same moment.*try again/);
    expect(message).not.toMatch(/foreign key|CONSTRAINT|parent row/);
  });

  it('other errors are not conflicts', () => {
    expect(databaseConflict({ code: 'ER_DUP_ENTRY' })).toBeNull();
    expect(databaseConflict(new Error('boom'))).toBeNull();
  });
});

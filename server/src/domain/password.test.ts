import { passwordProblem } from './password';

describe('password policy (domain/password.ts)', () => {
  test.each([
    ['short-1', 'alice', 'passwordTooShort'],
    ['alice2026!!', 'alice', 'passwordIsUsername'],
    ['ALICE12345', 'alice', 'passwordIsUsername'],
    ['Password123!', 'bob', 'passwordWeak'],
    ['yotsukaido2026', 'bob', 'passwordWeak'],
    ['1234567890', 'bob', 'passwordWeak'],
    ['aaaaaaaaaaaa', 'bob', 'passwordWeak'],
    ['x'.repeat(1025), 'bob', 'passwordTooLong'],
  ])('%s for %s is refused as %s', (password, username, key) => {
    expect(passwordProblem(password, username, 10)?.key).toBe(key);
  });
  test.each([['hydrant-Lamp-42', 'alice'], ['四街道の防犯灯を点検', 'bob'], ['chizu-demo-2', 'roads']])('%s is accepted', (password, username) => {
    expect(passwordProblem(password, username, 10)).toBeNull();
  });
  test('the minimum length is the configured one, counted in characters', () => {
    expect(passwordProblem('river-ward-7', 'bob', 14)).toEqual({ key: 'passwordTooShort', params: { min: 14 } });
    expect(passwordProblem('地図の窓口で案内する係', 'bob', 10)).toBeNull();
  });
});

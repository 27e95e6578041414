/** Passwords nobody should pick, checked case-insensitively (a short list; the length and mix rules do the rest). */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'abc123456',
  'admin123',
  'admin12345',
  'welcome1',
  'iloveyou1',
  'hotline123',
  'hotline12345',
  'a123456789',
]);

/**
 * The password policy for accounts created or changed through the API: 10-128 characters, letters and digits both,
 * not the username, not a well-known password. Returns what is wrong, or null.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10 || password.length > 128) return 'password must be 10-128 characters';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'password must contain both letters and digits';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'password must not contain the username';
  if (COMMON.has(password.toLowerCase())) return 'password is too common';
  if (/^(.)\1+$/.test(password)) return 'password must not repeat one character';
  return null;
}

/**
 * Password rules for admin accounts. Length is counted in characters (a Chinese character is one);
 * argon2 hashes the whole UTF-8 string, so long Chinese passphrases are fine (bcrypt would cut at 72 bytes).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** Returns the Chinese reasons a password is refused (empty when acceptable). */
export function passwordProblems(password: string, context: { login?: string } = {}): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 个字符`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) problems.push("密码须包含至少两类字符（小写字母、大写字母、数字、符号或汉字）");
  if (chars.length > 0 && new Set(chars).size <= 2) problems.push("密码不能由重复的字符组成");
  if (context.login && password.toLowerCase().includes(context.login.toLowerCase())) problems.push("密码不能包含登录名");
  return problems;
}

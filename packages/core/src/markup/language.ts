/** A code block language is only passed on when it is a plain identifier (`ts`, `c++`, `objective-c`). */
export function safeLanguage(language: string | undefined): string | undefined {
  return language !== undefined && /^[A-Za-z0-9_+#.-]{1,32}$/.test(language) ? language : undefined;
}

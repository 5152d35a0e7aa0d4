/**
 * A function of a string whose answers are kept: images and quantities repeat across the
 * containers of a run and are read by several rules each. The bound keeps a run over millions of
 * distinct strings from holding them all; past it the answers are simply started over. Callers
 * must treat answers as read-only.
 */
export function memoizeText<T>(compute: (text: string) => T, capacity = 4096): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined && !answers.has(text)) {
      answer = compute(text);
      if (answers.size >= capacity) answers.clear();
      answers.set(text, answer);
    }
    return answer as T;
  };
}

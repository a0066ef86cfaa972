// Qpid topic pattern matching: words separated by '.', '*' matches exactly one word, '#' matches
// zero or more words. Patterns are split once and cached per binding.

export function splitWords(s: string): string[] {
  return s === '' ? [] : s.split('.')
}

export function topicMatch(pattern: string[], key: string[], pi = 0, ki = 0): boolean {
  while (pi < pattern.length) {
    const p = pattern[pi]
    if (p === '#') {
      // collapse consecutive '#'
      while (pi + 1 < pattern.length && pattern[pi + 1] === '#') pi++
      if (pi + 1 === pattern.length) return true
      for (let k = ki; k <= key.length; k++) if (topicMatch(pattern, key, pi + 1, k)) return true
      return false
    }
    if (ki >= key.length) return false
    if (p !== '*' && p !== key[ki]) return false
    pi++
    ki++
  }
  return ki === key.length
}

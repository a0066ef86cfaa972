// Golden transcripts of the real qpid-ha, rewritten for a test cluster: the real cluster's
// addresses (127.0.0.1:25672-25674) and broker ids become ours.
import { goldenText, parseTranscript, type Transcript } from './golden.js'

const REAL_IDS = [
  '8f6a6d81-af78-4fad-9b19-b30718ec9972',
  '87212764-8384-4d3f-9711-70c10d9169fa',
  '3a8ea764-cafc-4075-bebd-f632591251c0',
]

/** Golden `file` with `addresses[i]` / `ids[i]` in place of the real cluster's broker i. */
export function golden(file: string, addresses: string[] = [], ids: string[] = []): Transcript {
  let text = goldenText(file)
  text = text.replaceAll(/127\.0\.0\.1:2567([234])/g, (m, d) => addresses[Number(d) - 2] ?? m)
  REAL_IDS.forEach((id, i) => {
    if (ids[i]) text = text.replaceAll(id, ids[i])
  })
  return parseTranscript(text)
}

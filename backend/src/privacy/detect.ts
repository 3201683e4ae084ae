// Finds the sensitive spans of a text: runs the detectors of the selected categories (on the text with look-alike
// characters folded to ASCII, ascii-fold.ts) and keeps a set of spans that do not overlap (higher priority first,
// then the longer span, then the earlier one). Spans that overlap a placeholder of ours are dropped, so redacting
// twice changes nothing. Internal: the public API reports categories and counts, never offsets.
import type { Category } from "./categories.js";
import { foldForDetection } from "./detectors/ascii-fold.js";
import type { Detection, Detector } from "./detectors/detection.js";
import { DETECTORS } from "./detectors/index.js";
import { scanText } from "./detectors/text-scan.js";
import { PLACEHOLDER } from "./placeholder.js";

export type { Detection } from "./detectors/detection.js";

const PLACEHOLDER_PRIORITY = 1000;
const detectorLists = new WeakMap<readonly Category[], readonly Detector[]>();

function detectorsOf(categories: readonly Category[]): readonly Detector[] {
  let list = detectorLists.get(categories);
  if (list === undefined) {
    list = categories.map((category) => DETECTORS[category]);
    detectorLists.set(categories, list);
  }
  return list;
}

/** A span of the stripped text as a span of the original one (escapes and invisible characters inside included). */
function mapBack(detection: Detection, offsets: Int32Array): Detection {
  const start = offsets[detection.start] as number;
  const end = detection.end > detection.start ? (offsets[detection.end] as number) : start;
  return { category: detection.category, start, end, priority: detection.priority };
}

function byPriority(a: Detection, b: Detection): number {
  return b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

function byStart(a: Detection, b: Detection): number {
  return a.start - b.start;
}

/** The non-overlapping sensitive spans of `text` for `categories`, in text order. */
export function detect(text: string, categories: readonly Category[]): Detection[] {
  const found: Detection[] = [];
  let scan = scanText(text);
  let offsets: Int32Array | undefined;
  if (scan.foldable) {
    // Look-alikes are read as ASCII; invisible characters are left out and escapes of '@', '+' and a space decoded
    // ("jane%40example.com"), and then the spans are mapped back.
    const folded = foldForDetection(text);
    offsets = folded.offsets;
    scan = scanText(folded.text);
  }
  for (const detector of detectorsOf(categories)) {
    if (detector.mayMatch(scan)) detector.detect(scan, found);
  }
  if (offsets !== undefined) {
    for (let i = 0; i < found.length; i++) found[i] = mapBack(found[i] as Detection, offsets);
  }
  if (found.length === 0) return found;
  if (scan.bracket) {
    PLACEHOLDER.lastIndex = 0;
    for (let match = PLACEHOLDER.exec(text); match !== null; match = PLACEHOLDER.exec(text)) {
      const category = match[1] as Category;
      found.push({ category, start: match.index, end: match.index + match[0].length, priority: PLACEHOLDER_PRIORITY });
    }
  }
  if (found.length === 1) return found;
  found.sort(byPriority);
  const kept: Detection[] = [];
  for (const detection of found) {
    if (detection.end <= detection.start) continue;
    let overlaps = false;
    for (const other of kept) {
      if (detection.start < other.end && other.start < detection.end) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) kept.push(detection);
  }
  const result: Detection[] = [];
  for (const detection of kept) if (detection.priority < PLACEHOLDER_PRIORITY) result.push(detection);
  return result.sort(byStart);
}

/**
 * Other benchmarks write their own sections into BENCHMARKS.md between `<!-- name:start -->` and
 * `<!-- name:end -->`; when the sync benchmark rewrites the file they are carried over verbatim,
 * after its own text, in the order found.
 */
export function withKeptSections(text: string, previous: string): string {
	const kept = [...previous.matchAll(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((m) => m[0]);
	return kept.length ? `${text.trimEnd()}\n\n${kept.join('\n\n')}\n` : text;
}

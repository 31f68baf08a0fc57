import { withKeptSections } from '../../bench/kept-sections';

describe('BENCHMARKS.md writer', () => {
	test('keeps the sections others wrote between markers, in their order, and drops the old sync text', () => {
		const previous = [
			'# Benchmarks',
			'old sync table',
			'<!-- queue:start -->',
			'## Queue mode',
			'| a | b |',
			'<!-- queue:end -->',
			'between',
			'<!-- trigger:start -->\n## Trigger\n42 polls\n<!-- trigger:end -->',
		].join('\n');
		const written = withKeptSections('# Benchmarks\nnew sync table\n', previous);
		expect(written).toBe(
			'# Benchmarks\nnew sync table\n\n<!-- queue:start -->\n## Queue mode\n| a | b |\n<!-- queue:end -->\n\n<!-- trigger:start -->\n## Trigger\n42 polls\n<!-- trigger:end -->\n',
		);
	});

	test('without marked sections the new text is written as it is', () => {
		expect(withKeptSections('# Benchmarks\n', '# Benchmarks\nold\n')).toBe('# Benchmarks\n');
		// A start without its end is not a section: nothing half is carried over.
		expect(withKeptSections('x\n', '<!-- queue:start -->\nunfinished')).toBe('x\n');
	});
});

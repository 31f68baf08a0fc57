// @ts-check
'use strict';
/**
 * Files the sandbox serves without a token under /samples/, so example
 * workflows have a drawing to download (with n8n's HTTP Request node) and upload.
 */

/**
 * A small, valid one-page PDF with a line of text, built so its xref offsets are right.
 * @param {string} title
 * @returns {Buffer}
 */
function samplePdf(title) {
	const text = title.replace(/[()\\]/g, '');
	const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let pdf = '%PDF-1.4\n';
	/** @type {number[]} */
	const offsets = [];
	objects.forEach((body, i) => {
		offsets.push(pdf.length);
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

/** @type {Record<string, { type: string, data: Buffer }>} file name → what /samples/<name> serves */
const SAMPLES = {
	'Drawing-A1.pdf': { type: 'application/pdf', data: samplePdf('Drawing A1 - Prosjekt Fjellhall, WO-100 Grunnarbeid') },
	'Method-statement.pdf': { type: 'application/pdf', data: samplePdf('Method statement - excavation') },
};

/**
 * GET /samples/<name>: the file, with its type and name, or 404.
 * @param {string} method @param {string[]} segments after `samples`
 * @returns {import('./errors').Reply}
 */
function handleSample(method, segments) {
	const sample = segments.length === 1 ? SAMPLES[segments[0]] : undefined;
	if (method !== 'GET' || !sample)
		return { status: 404, body: { error: 'NotFound', message: `No sample ${segments.join('/')}; there are: ${Object.keys(SAMPLES).join(', ')}` } };
	return {
		status: 200,
		raw: sample.data,
		headers: { 'Content-Type': sample.type, 'Content-Disposition': `attachment; filename="${segments[0]}"` },
	};
}

module.exports = { SAMPLES, handleSample, samplePdf };

// @ts-check
'use strict';
/**
 * The document endpoints: api/v4/integration/{projects|tasks}/{id}/documents
 * (Ditio's "documents" page and the documents/ sample). Files land in the
 * project's Info Center folder, one page per section; a work order's files are
 * on its own pages inside its project's folder.
 */
const crypto = require('crypto');
const { boundaryOf, parseMultipart } = require('./multipart');
const { mediaType } = require('./http');
const E = require('./errors');

/** @typedef {import('./api').Context} Context @typedef {import('./errors').Reply} Reply */
/**
 * @typedef {{ id: string, name: string, size: number, fileType: string, data: Buffer, createdDateTime: string }} StoredFile
 * @typedef {{ section: string, pageExternalId: string, taskId: string | null, description: string | null, files: StoredFile[] }} Page
 * @typedef {{ description: string | null, pages: Page[] }} Folder
 */

/** The whole multipart request, boundaries included, must stay under this (else 413). */
const MAX_REQUEST_BYTES = 30_000_000;
const MAX_SVG_BYTES = 5 * 1024 * 1024;
const MAX_DESCRIPTION_CHARS = 10_000;
const MAX_DESCRIPTION_BODY_BYTES = 64 * 1024;
/** Web documents, scripts and executables, refused by extension. */
const REFUSED_EXTENSIONS = new Set([
	'html', 'htm', 'xhtml', 'mht', 'mhtml', 'js', 'mjs', 'vbs', 'exe', 'dll', 'bat', 'cmd', 'com', 'msi', 'ps1', 'sh', 'svgz', 'jar', 'scr',
]);
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'bmp', 'webp', 'tif', 'tiff']);
/** Magic numbers of content that is surely no image. */
const NON_IMAGE_MAGIC = [Buffer.from('%PDF'), Buffer.from('PK\u0003\u0004'), Buffer.from('MZ')];

/** @param {import('./store').Store} store @returns {Map<string, Folder>} project id → its folder */
function folders(store) {
	return store.documents;
}

/** @param {string} name file name as Ditio compares it: without trailing dots and spaces */
const trimmedName = (name) => name.replace(/[. ]+$/, '');
/** @param {string} name */
const extensionOf = (name) => {
	const trimmed = trimmedName(name);
	const dot = trimmed.lastIndexOf('.');
	return dot < 0 ? '' : trimmed.slice(dot + 1).toLowerCase();
};
/** @param {string} section */
const slug = (section) => section.toLowerCase().replace(/[^a-z0-9æøå]+/g, '-').replace(/^-|-$/g, '') || 'page';

/**
 * The project or work order the path names, if the client's company has it.
 * @param {Context} ctx @param {'projects' | 'tasks'} kind @param {string} id
 * @returns {{ projectId: string, task?: Record<string, any> } | undefined}
 */
function owner(ctx, kind, id) {
	if (kind === 'projects') {
		const project = ctx.store.getProject(id);
		return project && ctx.companyIds.includes(project.companyId) ? { projectId: project.id } : undefined;
	}
	const task = ctx.store.getTask(id);
	return task && ctx.companyIds.includes(task.companyId) ? { projectId: task.projectId, task } : undefined;
}

/** @param {'projects' | 'tasks'} kind @param {string} id */
const ownerNotFound = (kind, id) => E.notFound(`${kind === 'projects' ? 'Project' : 'Task'} ${id} was not found`);

/**
 * The pages of a project folder that the path sees: all of them for a project, a work order's own.
 * @param {Folder | undefined} folder @param {{ task?: Record<string, any> }} who
 */
function visiblePages(folder, who) {
	if (!folder) return [];
	return who.task ? folder.pages.filter((p) => p.taskId === who.task?.id) : folder.pages;
}

/** What refuses one file, in Ditio's words, or undefined. @param {string} name @param {Buffer} data */
function refusal(name, data) {
	const extension = extensionOf(name);
	if (!trimmedName(name)) return `File name '${name}' is empty`;
	if (REFUSED_EXTENSIONS.has(extension)) return `File type '.${extension}' is not allowed (${name})`;
	if (extension === 'svg') {
		if (data.length > MAX_SVG_BYTES) return `SVG file ${name} is larger than 5 MB`;
		const text = data.toString('utf8');
		if (!/<svg[\s>]/i.test(text) || !/<\/svg>\s*$/i.test(text.trim() + '\n') && !/\/>\s*$/.test(text.trim()))
			return `SVG file ${name} is not well-formed`;
		if (/<script[\s>]|\son[a-z]+\s*=|javascript:/i.test(text)) return `SVG file ${name} contains script content`;
	}
	if (IMAGE_EXTENSIONS.has(extension) && NON_IMAGE_MAGIC.some((magic) => data.subarray(0, magic.length).equals(magic)))
		return `File ${name} is named as an image but its content is not an image`;
	return undefined;
}

/** @param {StoredFile} file */
const listed = (file) => ({ fileReferenceId: file.id, name: file.name });

/**
 * POST …/{projects|tasks}/{id}/documents?section=S&replaceExistingFilesWithSameName=true
 * @param {'projects' | 'tasks'} kind
 * @returns {(ctx: Context, id: string) => Reply}
 */
const upload = (kind) => (ctx, id) => {
	if (ctx.raw.length > MAX_REQUEST_BYTES)
		return E.ditioError(413, 'PayloadTooLarge', `The request is ${ctx.raw.length} bytes; at most ${MAX_REQUEST_BYTES} bytes are accepted`);
	const who = owner(ctx, kind, id);
	if (!who) return ownerNotFound(kind, id);
	const boundary = boundaryOf(String(ctx.headers['content-type'] ?? ''));
	if (!boundary) {
		const type = mediaType(ctx.headers);
		return E.ditioError(415, 'UnsupportedMediaType', `Content-Type must be multipart/form-data with a boundary, not '${type || '(none)'}'`);
	}
	const parsed = parseMultipart(ctx.raw, boundary);
	if ('error' in parsed) return E.invalidBody(parsed.error);
	const files = parsed.parts.filter((p) => p.name === 'file');
	if (files.length === 0) return E.invalidBody("The request has no part named 'file'");
	for (const part of files) {
		if (part.filename === undefined) return E.invalidBody("A part named 'file' has no filename");
		const why = refusal(part.filename, part.data);
		if (why) return E.ditioError(400, 'FileNotAllowed', why);
	}

	const sectionAsked = String(ctx.query.get('section') ?? '').trim();
	const section = sectionAsked || (who.task ? String(who.task.taskNumber ?? who.task.externalId ?? who.task.name) : 'Documents');
	const replace = String(ctx.query.get('replaceExistingFilesWithSameName') ?? '').toLowerCase() === 'true';
	let folder = folders(ctx.store).get(who.projectId);
	if (!folder) {
		folder = { description: null, pages: [] };
		folders(ctx.store).set(who.projectId, folder);
	}
	const taskId = who.task ? String(who.task.id) : null;
	let page = folder.pages.find((p) => p.taskId === taskId && p.section.toLowerCase() === section.toLowerCase());
	if (!page) {
		const pageExternalId = taskId ? `int-taskdocs:${taskId}:${slug(section)}` : `int-projdocs:${who.projectId}:${slug(section)}`;
		page = { section, pageExternalId, taskId, description: null, files: [] };
		folder.pages.push(page);
	}
	const created = files.map((part) => {
		const name = trimmedName(/** @type {string} */ (part.filename));
		return {
			id: ctx.store.newId(),
			name,
			size: part.data.length,
			fileType: extensionOf(name),
			data: Buffer.from(part.data),
			createdDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
		};
	});
	if (replace) {
		const names = new Set(created.map((f) => f.name.toLowerCase()));
		page.files = page.files.filter((f) => !names.has(f.name.toLowerCase()));
	}
	page.files.push(...created);
	return E.ok({
		successful: true,
		message: 'Documents uploaded and attached ok',
		section: page.section,
		pageExternalId: page.pageExternalId,
		files: created.map((f) => ({
			name: f.name,
			size: f.size,
			url: `/api/file/${f.id}`,
			fileReference: {
				id: f.id, collectionRef: 'InfoMessage', fileNameOrig: f.name, fileType: f.fileType, fileSize: f.size,
				createdDateTime: f.createdDateTime,
			},
		})),
		infoPageFiles: page.files.map(listed),
	});
};

/** GET …/documents: the section pages with their files. @param {'projects' | 'tasks'} kind @returns {(ctx: Context, id: string) => Reply} */
const list = (kind) => (ctx, id) => {
	const who = owner(ctx, kind, id);
	if (!who) return ownerNotFound(kind, id);
	const pages = visiblePages(folders(ctx.store).get(who.projectId), who);
	return E.ok(pages.map((p) => ({ section: p.section, pageExternalId: p.pageExternalId, description: p.description, files: p.files.map(listed) })));
};

/**
 * The file with this id on the pages the path sees, and its page.
 * @param {Context} ctx @param {'projects' | 'tasks'} kind @param {string} id @param {string} fileReferenceId
 * @returns {{ page: Page, file: StoredFile } | Reply}
 */
function findFile(ctx, kind, id, fileReferenceId) {
	const who = owner(ctx, kind, id);
	if (!who) return ownerNotFound(kind, id);
	for (const page of visiblePages(folders(ctx.store).get(who.projectId), who)) {
		const file = page.files.find((f) => f.id === fileReferenceId.toLowerCase());
		if (file) return { page, file };
	}
	return E.notFound(`File ${fileReferenceId} was not found on ${kind === 'projects' ? 'project' : 'task'} ${id}`);
}

/** GET …/documents/{fileReferenceId}: the bytes. @param {'projects' | 'tasks'} kind @returns {(ctx: Context, id: string, fileReferenceId: string) => Reply} */
const download = (kind) => (ctx, id, fileReferenceId) => {
	const found = findFile(ctx, kind, id, fileReferenceId);
	if ('status' in found) return found;
	const { name, data } = found.file;
	const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return {
		status: 200,
		raw: data,
		headers: {
			'Content-Type': 'application/octet-stream',
			'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
		},
	};
};

/** DELETE …/documents/{fileReferenceId}: 204. @param {'projects' | 'tasks'} kind @returns {(ctx: Context, id: string, fileReferenceId: string) => Reply} */
const remove = (kind) => (ctx, id, fileReferenceId) => {
	const found = findFile(ctx, kind, id, fileReferenceId);
	if ('status' in found) return found;
	found.page.files = found.page.files.filter((f) => f !== found.file);
	return E.noContent();
};

/** PUT projects/{id}/documents/description[?section=S] with { description }. @param {Context} ctx @param {string} id */
function describe(ctx, id) {
	if (ctx.raw.length > MAX_DESCRIPTION_BODY_BYTES)
		return E.invalidBody(`The body is ${ctx.raw.length} bytes; at most ${MAX_DESCRIPTION_BODY_BYTES} are accepted`);
	const who = owner(ctx, 'projects', id);
	if (!who) return ownerNotFound('projects', id);
	const { description } = ctx.body;
	if (description !== undefined && description !== null && typeof description !== 'string')
		return E.validationFailed([E.fieldError('description', 'InvalidType', "'description' must be a string or null")]);
	if (typeof description === 'string' && description.length > MAX_DESCRIPTION_CHARS)
		return E.validationFailed([
			E.fieldError('description', 'MaxLength', `'description' must be ${MAX_DESCRIPTION_CHARS} characters or fewer. You entered ${description.length} characters.`),
		]);
	const folder = folders(ctx.store).get(who.projectId);
	if (!folder) return E.notFound(`Project ${id} has no document folder yet: upload a file first`);
	const text = typeof description === 'string' && description !== '' ? description : null;
	const section = ctx.query.get('section')?.trim();
	if (!section) {
		folder.description = text;
		return E.ok({ successful: true, section: null, description: text });
	}
	const pages = folder.pages.filter((p) => p.taskId === null && p.section.toLowerCase() === section.toLowerCase());
	if (pages.length === 0) return E.notFound(`Section '${section}' does not exist in the documents of project ${id}`);
	for (const page of pages) page.description = text;
	return E.ok({ successful: true, section: pages[0].section, pageExternalId: pages[0].pageExternalId, description: text });
}

/**
 * Every stored file, for tests and the sandbox control GET /__sandbox/documents (bytes as sha256).
 * @param {import('./store').Store} store
 */
function documentsState(store) {
	return [...folders(store)].map(([projectId, folder]) => ({
		projectId,
		description: folder.description,
		pages: folder.pages.map((p) => ({
			section: p.section, pageExternalId: p.pageExternalId, taskId: p.taskId, description: p.description,
			files: p.files.map((f) => ({ fileReferenceId: f.id, name: f.name, size: f.size, sha256: crypto.createHash('sha256').update(f.data).digest('hex') })),
		})),
	}));
}

/**
 * Puts files on a page without a request (demo data, tests).
 * @param {import('./store').Store} store @param {string} projectId
 * @param {{ section: string, description?: string, files: Array<{ id?: string, name: string, data: Buffer }> }} page
 */
function seedPage(store, projectId, page) {
	let folder = folders(store).get(projectId);
	if (!folder) {
		folder = { description: null, pages: [] };
		folders(store).set(projectId, folder);
	}
	folder.pages.push({
		section: page.section,
		pageExternalId: `int-projdocs:${projectId}:${slug(page.section)}`,
		taskId: null,
		description: page.description ?? null,
		files: page.files.map((f) => ({
			id: f.id ?? store.newId(), name: f.name, size: f.data.length, fileType: extensionOf(f.name), data: f.data,
			createdDateTime: '2026-06-05T08:10:25Z',
		})),
	});
}

const uploadToProject = upload('projects');
const uploadToTask = upload('tasks');
/** The handlers that read a multipart body instead of JSON. @type {Set<Function>} */
const UPLOADS = new Set([uploadToProject, uploadToTask]);

/** Routes, in precedence order (literal `description` before the file id). @type {Array<[string, string, (ctx: Context, ...params: string[]) => Reply]>} */
const DOCUMENT_ROUTES = [
	['POST', 'projects/{id}/documents', uploadToProject],
	['GET', 'projects/{id}/documents', list('projects')],
	['PUT', 'projects/{id}/documents/description', describe],
	['GET', 'projects/{id}/documents/{fileReferenceId}', download('projects')],
	['DELETE', 'projects/{id}/documents/{fileReferenceId}', remove('projects')],
	['POST', 'tasks/{id}/documents', uploadToTask],
	['GET', 'tasks/{id}/documents', list('tasks')],
	['GET', 'tasks/{id}/documents/{fileReferenceId}', download('tasks')],
	['DELETE', 'tasks/{id}/documents/{fileReferenceId}', remove('tasks')],
];

module.exports = {
	DOCUMENT_ROUTES, UPLOADS, documentsState, seedPage, refusal,
	MAX_REQUEST_BYTES, MAX_SVG_BYTES, MAX_DESCRIPTION_CHARS, MAX_DESCRIPTION_BODY_BYTES,
};

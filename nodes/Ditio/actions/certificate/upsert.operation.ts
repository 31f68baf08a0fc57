import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nothingWritten } from '../../../shared/untouched';
import { EMPLOYEES, employeePath } from '../employee/employee-input';
import { executeItems } from '../execute-items';
import type { BatchRun, Operation } from '../types';
import { batchesOf, type CertificateBatch, failureOfItem } from './batches';
import { type Certificate, certificateParameters, readCertificate } from './certificate-input';

const CERTIFICATE_HINTS = {
	400: 'Ditio refused the certificates sent. Correct the field it names and run again; certificates are matched on employee number and type, so a rerun updates what landed.',
};

/**
 * Certificates go in as few array requests as fit (batches.ts). Ditio has no read of
 * certificates, so each output item is what was sent for its input item, and Ditio's
 * answer is not read for it. The employee numbers are looked up once (the v5 list) before the
 * first request: a person Ditio does not know fails that item alone, not its whole request.
 */
export async function executeCertificateUpsert(this: IExecuteFunctions, run: BatchRun): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	let people: Promise<Set<string>> | undefined;
	const listPeople = async (itemIndex: number) => {
		const employees = await run.client.request<IDataObject[]>('GET', employeePath(), { ...EMPLOYEES, itemIndex });
		return new Set(employees.map((e) => String(e.employeeNumber)));
	};
	let batches = new Map<number, CertificateBatch>();
	const send = async (batch: CertificateBatch) => {
		await run.client.request('POST', ['certificates'], {
			body: batch.certificates,
			itemIndex: batch.itemIndexes[0],
			// Matched on employee number and type: sending the same array again changes nothing more.
			repeatable: true,
			hints: CERTIFICATE_HINTS,
		});
	};
	return await executeItems<Certificate>(this, run, {
		read: (itemIndex) => readCertificate.call(this, itemIndex),
		prepare: async (certificate, itemIndex) => {
			const known = await (people ??= listPeople(itemIndex));
			if (!known.has(certificate.employeeNumber)) {
				throw new NodeOperationError(node, `Employee ${certificate.employeeNumber} was not found in Ditio`, {
					itemIndex,
					description: `A certificate needs its holder in Ditio first (Employee → Create, with the same employee number). ${nothingWritten(itemIndex)}`,
				});
			}
			return certificate;
		},
		plan: (ready) => {
			batches = batchesOf(ready);
		},
		run: async (certificate, itemIndex) => {
			const batch = batches.get(itemIndex)!;
			try {
				await (batch.sent ??= send(batch));
			} catch (error) {
				throw failureOfItem(node, error, itemIndex, batch);
			}
			return { outcome: 'sent', ...certificate, request: batch.number };
		},
	});
}

export const upsert: Operation = { description: certificateParameters, execute: executeCertificateUpsert };

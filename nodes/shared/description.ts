/**
 * What the nodes panel shows for the package. n8n merges a node and its trigger into one entry
 * ("Ditio", with the actions and the trigger's events), and gives that entry the trigger's
 * description (editor-ui, useActionsGeneration: `app.description = trigger.description`). So
 * both nodes carry the node's description: the one a user choosing an action should read.
 */
export const DITIO_DESCRIPTION = 'Create, update and read projects and work orders in Ditio, and attach documents to them';

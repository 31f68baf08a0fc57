export { DitioOAuth2Api } from './credentials/DitioOAuth2Api.credentials';
export { Ditio } from './nodes/Ditio/Ditio.node';
export { DitioTrigger } from './nodes/DitioTrigger/DitioTrigger.node';

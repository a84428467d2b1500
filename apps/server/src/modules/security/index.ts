/**
 * Security module (安全模块): keys — terminal master keys today; session keys, MAC and PIN translation
 * with the terminal host — behind one interface, software now, an HSM later. Calls nobody.
 */
export {
  createSoftwareSecurityModule,
  type GeneratedKey,
  keyCheckValue,
  type PinTranslation,
  pinBlockWellFormed,
  type SecurityModule,
  type SessionKeys,
  tripleDesDecrypt,
  tripleDesEncrypt,
} from './security-module';

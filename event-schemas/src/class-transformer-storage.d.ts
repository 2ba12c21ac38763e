// class-transformer ships this module without typings; class-validator-jsonschema needs it to
// follow @Type() into nested classes.
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
  export const defaultMetadataStorage: MetadataStorage;
}

/** Legacy U-Boot uImage headers: read (header CRC checked), written as mkimage writes them, data checked by stream. */
export { checkUimageData, describeUimageType, emitUimageHeader, parseUimageHeader, uimageData, UIMAGE_HEADER_SIZE, UIMAGE_MAGIC, type UimageData, type UimageFields, type UimageHeader } from './header';
export { UIMAGE_ARCH, UIMAGE_COMP, UIMAGE_OS, UIMAGE_TYPE, uimageCode, uimageCodeId, type UimageCode } from './codes';

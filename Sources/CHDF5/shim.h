#ifndef SKYSYNTH_CHDF5_SHIM_H
#define SKYSYNTH_CHDF5_SHIM_H
#include <hdf5.h>

/* HDF5's constants are function-like macros or C globals that Swift cannot import (or rejects
   as not concurrency-safe); each gets a static inline getter here. */
static inline hid_t skysynth_H5T_NATIVE_FLOAT(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t skysynth_H5T_NATIVE_DOUBLE(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t skysynth_H5T_NATIVE_INT32(void) { return H5T_NATIVE_INT32; }
static inline hid_t skysynth_H5T_NATIVE_INT64(void) { return H5T_NATIVE_INT64; }
static inline hid_t skysynth_H5T_NATIVE_UINT8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t skysynth_H5T_IEEE_F32LE(void) { return H5T_IEEE_F32LE; }
static inline hid_t skysynth_H5T_IEEE_F64LE(void) { return H5T_IEEE_F64LE; }
static inline hid_t skysynth_H5T_STD_I32LE(void) { return H5T_STD_I32LE; }
static inline hid_t skysynth_H5T_STD_I64LE(void) { return H5T_STD_I64LE; }
static inline hid_t skysynth_H5T_STD_U8LE(void) { return H5T_STD_U8LE; }
static inline hid_t skysynth_H5T_C_S1(void) { return H5T_C_S1; }
static inline size_t skysynth_H5T_VARIABLE(void) { return H5T_VARIABLE; }
static inline hid_t skysynth_H5P_DEFAULT(void) { return H5P_DEFAULT; }
static inline hid_t skysynth_H5P_FILE_CREATE(void) { return H5P_FILE_CREATE; }
static inline hid_t skysynth_H5P_FILE_ACCESS(void) { return H5P_FILE_ACCESS; }
static inline hid_t skysynth_H5P_DATASET_CREATE(void) { return H5P_DATASET_CREATE; }
static inline hid_t skysynth_H5P_GROUP_CREATE(void) { return H5P_GROUP_CREATE; }
static inline hid_t skysynth_H5P_ATTRIBUTE_CREATE(void) { return H5P_ATTRIBUTE_CREATE; }
static inline hid_t skysynth_H5S_ALL(void) { return H5S_ALL; }
static inline hsize_t skysynth_H5S_UNLIMITED(void) { return H5S_UNLIMITED; }
static inline unsigned skysynth_H5F_ACC_TRUNC(void) { return H5F_ACC_TRUNC; }
static inline unsigned skysynth_H5F_ACC_EXCL(void) { return H5F_ACC_EXCL; }
static inline unsigned skysynth_H5F_ACC_RDONLY(void) { return H5F_ACC_RDONLY; }
/// Silences HDF5's automatic error stack printing; SkySynth reports errors itself.
static inline herr_t skysynth_H5_quiet(void) { return H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
#endif

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * unidata: two properties of the Unicode Character Database that the
 * libraries do not give: the line break class of UAX #14 (libunistring
 * breaks lines but does not say a character's class) and the East Asian
 * Width (glibc's wcwidth folds it into widths, and knows only up to its
 * Unicode version).  The tables are generated from Unicode 15.0's
 * LineBreak.txt and EastAsianWidth.txt (src/unidata.awk).
 */
#ifndef FANYE_UNIDATA_H
#define FANYE_UNIDATA_H

#include <stdint.h>

/* UAX #14 line break classes (XX: unassigned). */
enum unidata_lb {
	UNIDATA_LB_XX = 0, UNIDATA_LB_AI, UNIDATA_LB_AL, UNIDATA_LB_B2, UNIDATA_LB_BA, UNIDATA_LB_BB,
	UNIDATA_LB_BK, UNIDATA_LB_CB, UNIDATA_LB_CJ, UNIDATA_LB_CL, UNIDATA_LB_CM, UNIDATA_LB_CP,
	UNIDATA_LB_CR, UNIDATA_LB_EB, UNIDATA_LB_EM, UNIDATA_LB_EX, UNIDATA_LB_GL, UNIDATA_LB_H2,
	UNIDATA_LB_H3, UNIDATA_LB_HL, UNIDATA_LB_HY, UNIDATA_LB_ID, UNIDATA_LB_IN, UNIDATA_LB_IS,
	UNIDATA_LB_JL, UNIDATA_LB_JT, UNIDATA_LB_JV, UNIDATA_LB_LF, UNIDATA_LB_NL, UNIDATA_LB_NS,
	UNIDATA_LB_NU, UNIDATA_LB_OP, UNIDATA_LB_PO, UNIDATA_LB_PR, UNIDATA_LB_QU, UNIDATA_LB_RI,
	UNIDATA_LB_SA, UNIDATA_LB_SG, UNIDATA_LB_SP, UNIDATA_LB_SY, UNIDATA_LB_WJ, UNIDATA_LB_ZW,
	UNIDATA_LB_ZWJ,
};

/* East Asian Width (N: neutral, also for what is not listed). */
enum unidata_eaw { UNIDATA_EAW_N = 0, UNIDATA_EAW_A, UNIDATA_EAW_F, UNIDATA_EAW_H, UNIDATA_EAW_NA, UNIDATA_EAW_W };

enum unidata_lb unidata_lb(uint32_t cp);
enum unidata_eaw unidata_eaw(uint32_t cp);
/* The files the tables were made from ("LineBreak-15.0.0.txt and ..."). */
const char *unidata_source(void);

#endif

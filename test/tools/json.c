/*
 * json.c - tests of the CLI's JSON string writer (tools/json.c).
 *
 * --json output must always parse, whatever bytes an LDAP value holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../../tools/cli.h"

/* What json_string() writes for `len` bytes of `s`. */
static char *
written(const char *s, size_t len)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	cr_assert_not_null(f);
	json_string(f, s, len);
	fclose(f);
	return out;
}

static void
expect_n(const char *in, size_t len, const char *want)
{
	char *got = written(in, len);

	cr_expect_str_eq(got, want);
	free(got);
}

/* A literal's bytes, NULs included, without the terminating one. */
#define expect(lit, want) expect_n(lit, sizeof(lit) - 1, want)

Test(json, plain_text_is_quoted)
{
	expect("alice@iwdemo.fr", "\"alice@iwdemo.fr\"");
}

Test(json, quote_and_backslash_are_escaped)
{
	expect("a\"b\\c", "\"a\\\"b\\\\c\"");
}

Test(json, control_characters_are_escaped)
{
	expect("a\nb\tc\001d\x7f", "\"a\\nb\\tc\\u0001d\\u007f\"");
}

Test(json, utf8_passes_through)
{
	expect("Fran\xc3\xa7oise \xe2\x82\xac", "\"Fran\xc3\xa7oise \xe2\x82\xac\"");
}

Test(json, invalid_utf8_becomes_replacement_character)
{
	expect("a\xff"
	       "b\xc3",
	        "\"a\\ufffdb\\ufffd\"");
}

Test(json, overlong_and_surrogate_encodings_are_replaced)
{
	expect("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	expect("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
}

Test(json, embedded_nul_is_escaped)
{
	expect("a\0b", "\"a\\u0000b\"");
}

Test(json, null_string_is_json_null)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	json_cstring(f, NULL);
	fclose(f);
	cr_expect_str_eq(out, "null");
	free(out);
}

Test(json, explanation_lines_become_an_array)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	json_lines(f, "grant cn=g1\n\nrole \"userManager\"\n");
	fclose(f);
	cr_expect_str_eq(out, "[\"grant cn=g1\", \"role \\\"userManager\\\"\"]");
	free(out);
}

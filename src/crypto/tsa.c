/*
 * tsa: RFC 3161 requests, replies and tokens (OpenSSL TS API).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include "crypto/tsa.h"
#include "util/banned.h"

static enum err_code ossl_err(struct err *e, enum err_code code,
                              const char *what)
{
    unsigned long l = ERR_get_error();
    char buf[256] = "";

    if (l)
        ERR_error_string_n(l, buf, sizeof(buf));
    ERR_clear_error();
    return err_set(e, code, "%s%s%s", what, buf[0] ? ": " : "", buf);
}

static enum err_code to_der(int len, unsigned char *der, uint8_t **out,
                            size_t *n, struct err *e)
{
    if (len <= 0 || !der)
        return ossl_err(e, ERR_CRYPTO, "cannot encode timestamp data");
    *out = malloc((size_t)len);
    if (!*out)
        abort();
    memcpy(*out, der, (size_t)len);
    *n = (size_t)len;
    OPENSSL_free(der);
    return ERR_OK;
}

enum err_code crypto_tsa_request(const uint8_t digest[DC_SHA256_BYTES],
                                 uint8_t **der, size_t *n, struct err *e)
{
    TS_REQ *req = TS_REQ_new();
    TS_MSG_IMPRINT *mi = TS_MSG_IMPRINT_new();
    X509_ALGOR *alg = X509_ALGOR_new();
    ASN1_INTEGER *nonce = NULL;
    BIGNUM *bn = NULL;
    unsigned char *buf = NULL;
    uint8_t rnd[8];
    enum err_code rc = ERR_OK;
    int len;

    *der = NULL;
    *n = 0;
    crypto_random(rnd, sizeof(rnd));
    bn = BN_bin2bn(rnd, sizeof(rnd), NULL);
    nonce = bn ? BN_to_ASN1_INTEGER(bn, NULL) : NULL;
    if (!req || !mi || !alg || !nonce ||
        !X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) ||
        !TS_MSG_IMPRINT_set_algo(mi, alg) ||
        !TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)(uintptr_t)digest,
                                DC_SHA256_BYTES) ||
        !TS_REQ_set_version(req, 1) || !TS_REQ_set_msg_imprint(req, mi) ||
        !TS_REQ_set_nonce(req, nonce) || !TS_REQ_set_cert_req(req, 1)) {
        rc = ossl_err(e, ERR_CRYPTO, "cannot build a timestamp request");
        goto out;
    }
    len = i2d_TS_REQ(req, &buf);
    rc = to_der(len, buf, der, n, e);
out:
    BN_free(bn);
    ASN1_INTEGER_free(nonce);
    X509_ALGOR_free(alg);
    TS_MSG_IMPRINT_free(mi);
    TS_REQ_free(req);
    return rc;
}

static void gen_time(const TS_TST_INFO *ti, char *out, size_t max)
{
    const ASN1_GENERALIZEDTIME *t = TS_TST_INFO_get_time(ti);
    const unsigned char *s;
    int len;

    out[0] = '\0';
    if (!t)
        return;
    s = ASN1_STRING_get0_data(t);
    len = ASN1_STRING_length(t);
    /* YYYYMMDDHHMMSS[.fff]Z */
    if (len >= 15)
        snprintf(out, max, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4, s + 6,
                 s + 8, s + 10, s + 12);
}

static X509_STORE *load_store(const char *ca_file, struct err *e)
{
    X509_STORE *st = X509_STORE_new();

    if (!st || X509_STORE_load_file(st, ca_file) != 1) {
        X509_STORE_free(st);
        ossl_err(e, ERR_INVALID, "cannot load TSA CA certificates");
        return NULL;
    }
    return st;
}

enum err_code crypto_tsa_reply(const uint8_t *reply, size_t n,
                               const uint8_t *req, size_t reqn,
                               const char *ca_file, uint8_t **token,
                               size_t *tokn, char *gentime, size_t gmax,
                               struct err *e)
{
    const unsigned char *p = reply, *q = req;
    TS_RESP *resp = NULL;
    TS_REQ *rq = NULL;
    TS_VERIFY_CTX *vc = NULL;
    TS_STATUS_INFO *si;
    unsigned char *buf = NULL;
    enum err_code rc = ERR_OK;
    long status;
    int len;

    *token = NULL;
    *tokn = 0;
    gentime[0] = '\0';
    if (n > (1u << 20) || !(resp = d2i_TS_RESP(NULL, &p, (long)n))) {
        rc = ossl_err(e, ERR_INVALID,
                      "the TSA's answer is not a timestamp response");
        goto out;
    }
    si = TS_RESP_get_status_info(resp);
    status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(si));
    if (status != 0 && status != 1) {
        rc = err_set(e, ERR_AUTH, "the TSA refused the request (status %ld)",
                     status);
        goto out;
    }
    rq = d2i_TS_REQ(NULL, &q, (long)reqn);
    vc = rq ? TS_REQ_to_TS_VERIFY_CTX(rq, NULL) : NULL;
    if (!vc) {
        rc = ossl_err(e, ERR_CRYPTO, "cannot check the timestamp");
        goto out;
    }
    if (ca_file) {
        X509_STORE *st = load_store(ca_file, e);

        if (!st) {
            rc = ERR_INVALID;
            goto out;
        }
        TS_VERIFY_CTX_set_store(vc, st);
        /* TS_REQ_to_TS_VERIFY_CTX leaves the signature check off. */
        TS_VERIFY_CTX_add_flags(vc, TS_VFY_SIGNATURE);
    } else {
        /* Without the TSA's CA only the imprint, nonce and version can be
         * checked here; the signature is checked later with the CA. */
        TS_VERIFY_CTX_set_flags(vc,
                                TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
    }
    if (TS_RESP_verify_response(vc, resp) != 1) {
        rc = ossl_err(e, ERR_AUTH,
                      "the timestamp does not match the request or is not "
                      "signed by a trusted TSA");
        goto out;
    }
    gen_time(TS_RESP_get_tst_info(resp), gentime, gmax);
    len = i2d_PKCS7(TS_RESP_get_token(resp), &buf);
    rc = to_der(len, buf, token, tokn, e);
out:
    TS_VERIFY_CTX_free(vc);
    TS_REQ_free(rq);
    TS_RESP_free(resp);
    return rc;
}

enum err_code crypto_tsa_token_check(const uint8_t *token, size_t n,
                                     const uint8_t digest[DC_SHA256_BYTES],
                                     const char *ca_file, char *gentime,
                                     size_t gmax, struct err *e)
{
    const unsigned char *p = token;
    PKCS7 *p7 = NULL;
    TS_TST_INFO *ti = NULL;
    TS_VERIFY_CTX *vc = NULL;
    unsigned char *imp;
    enum err_code rc = ERR_OK;
    int flags = TS_VFY_VERSION | TS_VFY_IMPRINT;

    gentime[0] = '\0';
    if (n > (1u << 20) || !(p7 = d2i_PKCS7(NULL, &p, (long)n)) ||
        !(ti = PKCS7_to_TS_TST_INFO(p7))) {
        rc = ossl_err(e, ERR_INVALID, "not a timestamp token");
        goto out;
    }
    vc = TS_VERIFY_CTX_new();
    imp = OPENSSL_memdup(digest, DC_SHA256_BYTES);
    if (!vc || !imp) {
        OPENSSL_free(imp);
        rc = ossl_err(e, ERR_CRYPTO, "cannot check the timestamp");
        goto out;
    }
    TS_VERIFY_CTX_set_imprint(vc, imp, DC_SHA256_BYTES);
    if (ca_file) {
        X509_STORE *st = load_store(ca_file, e);

        if (!st) {
            rc = ERR_INVALID;
            goto out;
        }
        TS_VERIFY_CTX_set_store(vc, st);
        flags |= TS_VFY_SIGNATURE;
    }
    TS_VERIFY_CTX_set_flags(vc, flags);
    if (TS_RESP_verify_token(vc, p7) != 1) {
        rc = ossl_err(e, ERR_AUTH,
                      "the timestamp token does not cover this hash or is "
                      "not signed by a trusted TSA");
        goto out;
    }
    gen_time(ti, gentime, gmax);
out:
    TS_VERIFY_CTX_free(vc);
    TS_TST_INFO_free(ti);
    PKCS7_free(p7);
    return rc;
}

/*
 * engine.h - the engine's internal interface, shared by the files of src/:
 * every module's header, in the order in which they depend on each other.
 * Each header says what its module is for; model.h describes the model
 * they all share.
 */
#ifndef TN_ENGINE_H
#define TN_ENGINE_H

/*
 * The engine's modules, each after the modules it calls, but for pairs
 * that call each other: addresses and claims (an address claim is ranked
 * by claims.c, the address index is addresses.c's), computed and
 * identities, and claims with record.h and store.h (claims.c re-reads and
 * re-stores the entries whose claims a change moves).  Above them all,
 * outside this header: record.h (reading entries into records), store.h
 * (storing records into nodes) and judge.h (judging changes).
 */
#include "model.h"      /* the shape of the model */
#include "tree.h"       /* nodes and the DN index */
#include "answer.h"     /* a result and its text */
#include "tenant.h"     /* tenants, domain names, actors */
#include "claims.h"     /* replication conflicts (§5b) */
#include "addresses.h"  /* address syntax and ownership */
#include "units.h"      /* units */
#include "groups.h"     /* nested groups */
#include "roles.h"      /* roles and permissions */
#include "grants.h"     /* effective rights */
#include "shares.h"     /* shared mailboxes */
#include "sendas.h"     /* senders and logins */
#include "computed.h"   /* tenancyAddress */
#include "identities.h" /* tenancyIdentity */

#endif

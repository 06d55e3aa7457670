-- fusion-access-audit: the role graph (job -> duty -> privilege) as one BI Publisher data set.
--
-- A fixed, read-only query: no parameters, no bind variables, nothing a caller can inject. It
-- returns the CSV contract the audit reads (bip/README.md):
--   one row per CURRENTLY EFFECTIVE DIRECT edge (a role containing a role, or a privilege),
--   plus one row per role that has no members (MEMBER_KIND, MEMBER_CODE and MEMBER_NAME empty).
-- Effective dating: a membership, a role and a privilege count only when today lies between
-- their start and end dates (a null date is open), as in public Security Console queries.
--
-- ASSUMED DIRECTION OF ASE_ROLE_ROLE_MBR (oracle-reference §9.3, contested in public SQL):
--   CHILD_ROLE_ID  = the CONTAINING role (the job that inherits),
--   PARENT_ROLE_ID = the CONTAINED role (the duty it inherits),
-- as most public samples read it. Confirm it on your pod with the query in bip/README.md
-- ("Confirm the edge direction"). If your pod stores it the other way round, swap the two
-- columns on the lines marked <<DIRECTION>>. The audit also checks: when duty roles come back
-- containing job roles, collection stops with "the role graph points the wrong way".
--
-- MEMBERSHIP_STAGED is returned, not filtered: Oracle does not document STAGED (§9.2 [GAP]).
-- The audit ignores columns it does not know.
WITH
  roles AS (
    SELECT r.role_id,
           r.code,
           r.role_name,
           NVL(t.role_type_name, r.role_type_code) AS role_type,
           r.is_seeded
    FROM   fusion.ase_role_vl r
    LEFT JOIN fusion.ase_role_type_vl t ON t.role_type_code = r.role_type_code
    WHERE  TRUNC(SYSDATE) BETWEEN NVL(r.effective_start_date, DATE '1900-01-01')
                              AND NVL(r.effective_end_date, DATE '4712-12-31')
  ),
  privileges AS (
    SELECT p.privilege_id, p.code, p.name
    FROM   fusion.ase_privilege_vl p
    WHERE  TRUNC(SYSDATE) BETWEEN NVL(p.effective_start_date, DATE '1900-01-01')
                              AND NVL(p.effective_end_date, DATE '4712-12-31')
  ),
  role_edges AS (
    SELECT m.child_role_id  AS role_id,    -- <<DIRECTION>> the containing role
           m.parent_role_id AS member_id,  -- <<DIRECTION>> the contained role
           m.staged
    FROM   fusion.ase_role_role_mbr m
    WHERE  TRUNC(SYSDATE) BETWEEN NVL(m.effective_start_date, DATE '1900-01-01')
                              AND NVL(m.effective_end_date, DATE '4712-12-31')
  ),
  privilege_edges AS (
    SELECT pm.role_id, pm.privilege_id, pm.staged
    FROM   fusion.ase_priv_role_mbr pm
    WHERE  TRUNC(SYSDATE) BETWEEN NVL(pm.effective_start_date, DATE '1900-01-01')
                              AND NVL(pm.effective_end_date, DATE '4712-12-31')
  )
SELECT r.code        AS role_code,
       r.role_name   AS role_name,
       r.role_type   AS role_type,
       r.is_seeded   AS is_seeded,
       'ROLE'        AS member_kind,
       mr.code       AS member_code,
       mr.role_name  AS member_name,
       e.staged      AS membership_staged
FROM   role_edges e
JOIN   roles r  ON r.role_id  = e.role_id
JOIN   roles mr ON mr.role_id = e.member_id
UNION ALL
SELECT r.code, r.role_name, r.role_type, r.is_seeded,
       'PRIVILEGE', p.code, p.name, e.staged
FROM   privilege_edges e
JOIN   roles r      ON r.role_id      = e.role_id
JOIN   privileges p ON p.privilege_id = e.privilege_id
UNION ALL
SELECT r.code, r.role_name, r.role_type, r.is_seeded,
       NULL, NULL, NULL, NULL
FROM   roles r
WHERE  NOT EXISTS (SELECT 1 FROM role_edges e JOIN roles mr ON mr.role_id = e.member_id WHERE e.role_id = r.role_id)
AND    NOT EXISTS (SELECT 1 FROM privilege_edges e JOIN privileges p ON p.privilege_id = e.privilege_id WHERE e.role_id = r.role_id)
ORDER BY 1, 5, 6

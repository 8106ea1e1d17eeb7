-- Consolidation (issue 13) : chaque fiche métier reçoit un identifiant global (UUIDv7, écrit par
-- la fonction passerelle_uid() que Passerelle déclare sur chaque connexion) gardé à vie, pour
-- reconnaître la même fiche arrivée deux fois ; les identifiants entiers restent pour les liens.
-- Les fiches créées ensuite le reçoivent d'un déclencheur temporaire (journal/declencheurs.rs).
-- Les référentiels (académies, bassins, CPC, thèmes) se reconnaissent à leur clé naturelle ;
-- les pièces jointes (fichiers du poste) ne voyagent pas.

ALTER TABLE action_clee ADD COLUMN uid TEXT;
UPDATE action_clee SET uid = passerelle_uid();
CREATE UNIQUE INDEX action_clee_uid ON action_clee(uid);

ALTER TABLE action_ipe ADD COLUMN uid TEXT;
UPDATE action_ipe SET uid = passerelle_uid();
CREATE UNIQUE INDEX action_ipe_uid ON action_ipe(uid);

ALTER TABLE avenant ADD COLUMN uid TEXT;
UPDATE avenant SET uid = passerelle_uid();
CREATE UNIQUE INDEX avenant_uid ON avenant(uid);

ALTER TABLE cet ADD COLUMN uid TEXT;
UPDATE cet SET uid = passerelle_uid();
CREATE UNIQUE INDEX cet_uid ON cet(uid);

ALTER TABLE cet_jury ADD COLUMN uid TEXT;
UPDATE cet_jury SET uid = passerelle_uid();
CREATE UNIQUE INDEX cet_jury_uid ON cet_jury(uid);

ALTER TABLE clee_membre ADD COLUMN uid TEXT;
UPDATE clee_membre SET uid = passerelle_uid();
CREATE UNIQUE INDEX clee_membre_uid ON clee_membre(uid);

ALTER TABLE comite_clee ADD COLUMN uid TEXT;
UPDATE comite_clee SET uid = passerelle_uid();
CREATE UNIQUE INDEX comite_clee_uid ON comite_clee(uid);

ALTER TABLE contrat_progres ADD COLUMN uid TEXT;
UPDATE contrat_progres SET uid = passerelle_uid();
CREATE UNIQUE INDEX contrat_progres_uid ON contrat_progres(uid);

ALTER TABLE convention ADD COLUMN uid TEXT;
UPDATE convention SET uid = passerelle_uid();
CREATE UNIQUE INDEX convention_uid ON convention(uid);

ALTER TABLE convention_article ADD COLUMN uid TEXT;
UPDATE convention_article SET uid = passerelle_uid();
CREATE UNIQUE INDEX convention_article_uid ON convention_article(uid);

ALTER TABLE convention_partie ADD COLUMN uid TEXT;
UPDATE convention_partie SET uid = passerelle_uid();
CREATE UNIQUE INDEX convention_partie_uid ON convention_partie(uid);

ALTER TABLE convention_statut ADD COLUMN uid TEXT;
UPDATE convention_statut SET uid = passerelle_uid();
CREATE UNIQUE INDEX convention_statut_uid ON convention_statut(uid);

ALTER TABLE etablissement ADD COLUMN uid TEXT;
UPDATE etablissement SET uid = passerelle_uid();
CREATE UNIQUE INDEX etablissement_uid ON etablissement(uid);

ALTER TABLE ipe ADD COLUMN uid TEXT;
UPDATE ipe SET uid = passerelle_uid();
CREATE UNIQUE INDEX ipe_uid ON ipe(uid);

ALTER TABLE mandat_cet ADD COLUMN uid TEXT;
UPDATE mandat_cet SET uid = passerelle_uid();
CREATE UNIQUE INDEX mandat_cet_uid ON mandat_cet(uid);

ALTER TABLE mission_ipe ADD COLUMN uid TEXT;
UPDATE mission_ipe SET uid = passerelle_uid();
CREATE UNIQUE INDEX mission_ipe_uid ON mission_ipe(uid);

ALTER TABLE organisation ADD COLUMN uid TEXT;
UPDATE organisation SET uid = passerelle_uid();
CREATE UNIQUE INDEX organisation_uid ON organisation(uid);

ALTER TABLE personne ADD COLUMN uid TEXT;
UPDATE personne SET uid = passerelle_uid();
CREATE UNIQUE INDEX personne_uid ON personne(uid);

ALTER TABLE reunion ADD COLUMN uid TEXT;
UPDATE reunion SET uid = passerelle_uid();
CREATE UNIQUE INDEX reunion_uid ON reunion(uid);

ALTER TABLE reunion_decision ADD COLUMN uid TEXT;
UPDATE reunion_decision SET uid = passerelle_uid();
CREATE UNIQUE INDEX reunion_decision_uid ON reunion_decision(uid);

ALTER TABLE reunion_point ADD COLUMN uid TEXT;
UPDATE reunion_point SET uid = passerelle_uid();
CREATE UNIQUE INDEX reunion_point_uid ON reunion_point(uid);

ALTER TABLE suivi_action ADD COLUMN uid TEXT;
UPDATE suivi_action SET uid = passerelle_uid();
CREATE UNIQUE INDEX suivi_action_uid ON suivi_action(uid);

ALTER TABLE suivi_membre ADD COLUMN uid TEXT;
UPDATE suivi_membre SET uid = passerelle_uid();
CREATE UNIQUE INDEX suivi_membre_uid ON suivi_membre(uid);


-- L'identité de cette base : elle signe les paquets qu'elle exporte.
CREATE TABLE base_identite (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uid         TEXT NOT NULL,
    nom         TEXT NOT NULL DEFAULT '',
    academie_id INTEGER REFERENCES academie(id)
);
INSERT INTO base_identite (id, uid) VALUES (1, passerelle_uid());

-- Une contribution reçue : ce qu'une base source a envoyé pour un périmètre, une portée
-- (académie choisie à l'export, ou toutes) et une période. Un paquet plus récent de la même
-- contribution la remplace.
CREATE TABLE consolidation_source (
    id              INTEGER PRIMARY KEY,
    source_uid      TEXT NOT NULL,
    source_nom      TEXT NOT NULL,
    source_academie TEXT NOT NULL DEFAULT '',
    perimetre       TEXT NOT NULL CHECK (perimetre IN ('ipe', 'clee', 'cet', 'conventions', 'tout')),
    portee          TEXT NOT NULL DEFAULT '',
    periode         TEXT NOT NULL,
    version_schema  INTEGER NOT NULL,
    cree_le         TEXT NOT NULL,
    recu_le         TEXT NOT NULL,
    empreinte       TEXT NOT NULL,
    comptes         TEXT NOT NULL,
    fichier         TEXT NOT NULL,
    UNIQUE (source_uid, perimetre, portee, periode)
);

-- Les fiches qu'une contribution a apportées (propre = 1) ou seulement citées (propre = 0), avec
-- l'empreinte du contenu reçu : une fiche dont le contenu local ne la reproduit plus a été
-- modifiée ici depuis.
CREATE TABLE consolidation_fiche (
    source_id  INTEGER NOT NULL REFERENCES consolidation_source(id) ON DELETE CASCADE,
    table_nom  TEXT NOT NULL,
    uid        TEXT NOT NULL,
    propre     INTEGER NOT NULL CHECK (propre BETWEEN 0 AND 1),
    empreinte  TEXT NOT NULL,
    PRIMARY KEY (source_id, table_nom, uid)
) WITHOUT ROWID;
CREATE INDEX consolidation_fiche_uid ON consolidation_fiche(table_nom, uid);

-- Une fiche de l'annuaire reçue et rapprochée d'une fiche locale par sa clé naturelle (UAI,
-- SIRET, courriel, nom et organisation) : la prochaine fois, le rapprochement est immédiat.
CREATE TABLE consolidation_alias (
    table_nom  TEXT NOT NULL,
    uid_recu   TEXT NOT NULL,
    uid_local  TEXT NOT NULL,
    PRIMARY KEY (table_nom, uid_recu)
) WITHOUT ROWID;

-- Ce que l'import n'a pas tranché seul : les deux versions, puis le choix de l'utilisateur.
CREATE TABLE consolidation_conflit (
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER REFERENCES consolidation_source(id) ON DELETE SET NULL,
    source_nom TEXT NOT NULL,
    nature     TEXT NOT NULL CHECK (nature IN ('modifiee_ici', 'deux_sources', 'supprimee_a_la_source', 'rapprochement_ambigu')),
    table_nom  TEXT NOT NULL,
    uid        TEXT NOT NULL,
    libelle    TEXT NOT NULL,
    locale     TEXT,
    recue      TEXT,
    note_le    TEXT NOT NULL,
    decision   TEXT CHECK (decision IN ('locale', 'recue', 'separees', 'fusionnee')),
    decide_le  TEXT
);

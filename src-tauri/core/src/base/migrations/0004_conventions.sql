-- Conventions et accords-cadres : clauses de durée, parties, articles (axes), avenants,
-- historique des statuts. Les dates dérivées (fin, préavis, évaluation) ne sont pas stockées :
-- elles se calculent à partir des clauses et des avenants.

CREATE TABLE convention (
    id                 INTEGER PRIMARY KEY,
    type               TEXT NOT NULL CHECK (type IN ('cadre_nationale', 'accord_cadre', 'declinaison_academique',
                           'academie_organisation', 'etablissement_entreprise', 'autre')),
    niveau             TEXT NOT NULL DEFAULT 'academique' CHECK (niveau IN ('national', 'academique', 'etablissement')),
    parent_id          INTEGER REFERENCES convention(id),   -- convention nationale déclinée
    academie_id        INTEGER REFERENCES academie(id),
    titre              TEXT NOT NULL,
    date_signature     TEXT,                                -- AAAA-MM-JJ
    date_effet         TEXT NOT NULL,
    duree_mois         INTEGER NOT NULL CHECK (duree_mois > 0),
    renouvellement     TEXT NOT NULL DEFAULT 'aucun' CHECK (renouvellement IN ('aucun', 'tacite_annuel', 'expres')),
    condition_renouvellement TEXT NOT NULL DEFAULT '',
    preavis_mois       INTEGER NOT NULL DEFAULT 0 CHECK (preavis_mois >= 0),
    evaluation_jour    INTEGER CHECK (evaluation_jour BETWEEN 1 AND 31),
    evaluation_mois    INTEGER CHECK (evaluation_mois BETWEEN 1 AND 12),
    reunions_par_an    INTEGER NOT NULL DEFAULT 2 CHECK (reunions_par_an >= 0),
    remplacee_par_id   INTEGER REFERENCES convention(id),   -- renouvelée par une nouvelle convention
    recherche          TEXT NOT NULL DEFAULT ''
);

-- Chaque changement de statut, daté ; le statut courant est le plus récent.
CREATE TABLE convention_statut (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    statut        TEXT NOT NULL CHECK (statut IN ('projet', 'en_signature', 'en_vigueur', 'signee_hors_outil',
                      'echue', 'denoncee', 'resiliee', 'renouvelee')),
    date          TEXT NOT NULL
);
CREATE INDEX convention_statut_convention ON convention_statut(convention_id, date);

CREATE TABLE convention_partie (
    id              INTEGER PRIMARY KEY,
    convention_id   INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisation(id),
    etablissement_id INTEGER REFERENCES etablissement(id),
    libelle         TEXT NOT NULL DEFAULT '',     -- « Ministère de l'Éducation nationale », « Académie de Lille »…
    role            TEXT NOT NULL DEFAULT '',
    signataire_id   INTEGER REFERENCES personne(id)
);

CREATE TABLE convention_article (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    titre         TEXT NOT NULL DEFAULT '',       -- titre (section) qui regroupe les articles
    numero        INTEGER NOT NULL,
    intitule      TEXT NOT NULL,
    engagements   TEXT NOT NULL DEFAULT '',
    indicateurs   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE avenant (
    id            INTEGER PRIMARY KEY,
    convention_id INTEGER NOT NULL REFERENCES convention(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    objet         TEXT NOT NULL,
    nouvelle_fin  TEXT                              -- l'avenant repousse (ou avance) la fin
);

-- Une action IPE peut se rattacher à une convention.
ALTER TABLE action_ipe ADD COLUMN convention_id INTEGER REFERENCES convention(id);

-- CLEE (comités locaux École-entreprise) : comités, bassins, membres par collège, actions vers
-- les élèves et les équipes. Les réunions et les actions de suivi deviennent communes aux
-- groupes de suivi des conventions et aux comités : les tables sont reconstruites (procédure
-- SQLite en douze étapes, clés étrangères suspendues par le programme de migration).

CREATE TABLE comite_clee (
    id                       INTEGER PRIMARY KEY,
    nom                      TEXT NOT NULL,
    academie_id              INTEGER NOT NULL REFERENCES academie(id),
    etablissement_support_id INTEGER REFERENCES etablissement(id),
    copilote_education_id    INTEGER REFERENCES personne(id),
    copilote_entreprise_id   INTEGER REFERENCES personne(id),
    date_charte              TEXT,
    statut                   TEXT NOT NULL DEFAULT 'actif' CHECK (statut IN ('en_creation', 'actif', 'en_sommeil', 'dissous')),
    partenaires              TEXT NOT NULL DEFAULT '',
    recherche                TEXT NOT NULL DEFAULT ''
);

CREATE TABLE comite_bassin (
    comite_id INTEGER NOT NULL REFERENCES comite_clee(id) ON DELETE CASCADE,
    bassin_id INTEGER NOT NULL REFERENCES bassin(id),
    PRIMARY KEY (comite_id, bassin_id)
);

CREATE TABLE clee_membre (
    id          INTEGER PRIMARY KEY,
    comite_id   INTEGER NOT NULL REFERENCES comite_clee(id) ON DELETE CASCADE,
    personne_id INTEGER NOT NULL REFERENCES personne(id),
    college     TEXT NOT NULL CHECK (college IN ('education', 'monde_economique', 'emploi_insertion', 'collectivites', 'parents', 'autres')),
    role        TEXT NOT NULL DEFAULT '',
    UNIQUE (comite_id, personne_id)
);

-- Réunions : d'un groupe de suivi de convention, d'un comité, ou animations du réseau des
-- conseillers entreprise pour l'École (CET) d'une académie ; un seul de ces trois cadres.
-- Nouvelle table, copie, suppression de l'ancienne, puis renommages : les tables liées
-- (points, présences, décisions) suivent le dernier renommage et citent « reunion ».
CREATE TABLE reunion_nouvelle (
    id                 INTEGER PRIMARY KEY,
    convention_id      INTEGER REFERENCES convention(id) ON DELETE CASCADE,
    comite_id          INTEGER REFERENCES comite_clee(id) ON DELETE CASCADE,
    academie_id        INTEGER REFERENCES academie(id),
    type               TEXT NOT NULL DEFAULT 'groupe_suivi'
                           CHECK (type IN ('groupe_suivi', 'comite_pilotage', 'pleniere', 'groupe_travail',
                               'reunion_information', 'animation_thematique', 'seminaire_academique',
                               'reunion_departementale', 'visite')),
    date               TEXT NOT NULL,
    heure              TEXT NOT NULL DEFAULT '',
    lieu               TEXT NOT NULL DEFAULT '',
    etablissement_id   INTEGER REFERENCES etablissement(id),   -- lieu pris dans l'annuaire
    organisation_id    INTEGER REFERENCES organisation(id),
    convention_liee_id INTEGER REFERENCES convention(id),      -- réunion de comité rattachée à une convention
    CHECK ((convention_id IS NOT NULL) + (comite_id IS NOT NULL) + (academie_id IS NOT NULL) = 1)
);
INSERT INTO reunion_nouvelle (id, convention_id, date, heure, lieu) SELECT id, convention_id, date, heure, lieu FROM reunion_suivi;
DROP TABLE reunion_suivi;
ALTER TABLE reunion_nouvelle RENAME TO reunion_suivi;
ALTER TABLE reunion_suivi RENAME TO reunion;
CREATE INDEX reunion_convention ON reunion(convention_id, date);
CREATE INDEX reunion_comite ON reunion(comite_id, date);
CREATE INDEX reunion_academie ON reunion(academie_id, date);

-- Invités d'une réunion en plus des membres (personnalités, intervenants).
CREATE TABLE reunion_invite (
    reunion_id  INTEGER NOT NULL REFERENCES reunion(id) ON DELETE CASCADE,
    personne_id INTEGER NOT NULL REFERENCES personne(id),
    PRIMARY KEY (reunion_id, personne_id)
);

CREATE TABLE suivi_action_nouvelle (
    id             INTEGER PRIMARY KEY,
    convention_id  INTEGER REFERENCES convention(id) ON DELETE CASCADE,
    comite_id      INTEGER REFERENCES comite_clee(id) ON DELETE CASCADE,
    academie_id    INTEGER REFERENCES academie(id),
    reunion_id     INTEGER REFERENCES reunion(id) ON DELETE SET NULL,  -- réunion qui l'a décidée
    intitule       TEXT NOT NULL,
    responsable_id INTEGER REFERENCES personne(id),
    echeance       TEXT,
    close_le       TEXT,                                               -- NULL : ouverte
    CHECK ((convention_id IS NOT NULL) + (comite_id IS NOT NULL) + (academie_id IS NOT NULL) = 1)
);
INSERT INTO suivi_action_nouvelle (id, convention_id, reunion_id, intitule, responsable_id, echeance, close_le)
    SELECT id, convention_id, reunion_id, intitule, responsable_id, echeance, close_le FROM suivi_action;
DROP TABLE suivi_action;
ALTER TABLE suivi_action_nouvelle RENAME TO suivi_action;
CREATE INDEX suivi_action_convention ON suivi_action(convention_id);
CREATE INDEX suivi_action_comite ON suivi_action(comite_id);

-- Actions du comité vers les élèves et les équipes.
CREATE TABLE action_clee (
    id            INTEGER PRIMARY KEY,
    comite_id     INTEGER NOT NULL REFERENCES comite_clee(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    type          TEXT NOT NULL CHECK (type IN ('visite_entreprise', 'forum', 'temoignage', 'stage_pole', 'visite_enseignants', 'autre')),
    intitule      TEXT NOT NULL,
    filles        INTEGER NOT NULL DEFAULT 0 CHECK (filles >= 0),
    garcons       INTEGER NOT NULL DEFAULT 0 CHECK (garcons >= 0),
    enseignants   INTEGER NOT NULL DEFAULT 0 CHECK (enseignants >= 0),
    convention_id INTEGER REFERENCES convention(id),
    recherche     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_clee_comite ON action_clee(comite_id, date);

CREATE TABLE action_clee_etablissement (
    action_id        INTEGER NOT NULL REFERENCES action_clee(id) ON DELETE CASCADE,
    etablissement_id INTEGER NOT NULL REFERENCES etablissement(id),
    PRIMARY KEY (action_id, etablissement_id)
);
CREATE TABLE action_clee_organisation (
    action_id       INTEGER NOT NULL REFERENCES action_clee(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    PRIMARY KEY (action_id, organisation_id)
);

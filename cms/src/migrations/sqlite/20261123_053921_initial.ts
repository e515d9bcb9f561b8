import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`editions_parts\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`title\` text,
  	\`slug\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`editions_parts_order_idx\` ON \`editions_parts\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`editions_parts_parent_id_idx\` ON \`editions_parts\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`editions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`year\` numeric,
  	\`published_at\` text,
  	\`status\` text DEFAULT 'current',
  	\`source_publisher\` text,
  	\`source_url\` text,
  	\`source_licence\` text DEFAULT 'NLOD 2.0',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`editions_slug_idx\` ON \`editions\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`editions_updated_at_idx\` ON \`editions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`editions_created_at_idx\` ON \`editions\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`editions__status_idx\` ON \`editions\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_editions_v_version_parts\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`title\` text,
  	\`slug\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_editions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_editions_v_version_parts_order_idx\` ON \`_editions_v_version_parts\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_version_parts_parent_id_idx\` ON \`_editions_v_version_parts\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_editions_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_year\` numeric,
  	\`version_published_at\` text,
  	\`version_status\` text DEFAULT 'current',
  	\`version_source_publisher\` text,
  	\`version_source_url\` text,
  	\`version_source_licence\` text DEFAULT 'NLOD 2.0',
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_editions_v_parent_idx\` ON \`_editions_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_version_version_slug_idx\` ON \`_editions_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_version_version_updated_at_idx\` ON \`_editions_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_version_version_created_at_idx\` ON \`_editions_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_version_version__status_idx\` ON \`_editions_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_created_at_idx\` ON \`_editions_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_updated_at_idx\` ON \`_editions_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_editions_v_latest_idx\` ON \`_editions_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`chapters_footnotes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`text\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`chapters\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`chapters_footnotes_order_idx\` ON \`chapters_footnotes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`chapters_footnotes_parent_id_idx\` ON \`chapters_footnotes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`chapters\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`edition_id\` integer,
  	\`kind\` text DEFAULT 'chapter',
  	\`number\` text,
  	\`title\` text,
  	\`part\` numeric,
  	\`goal_area_id\` integer,
  	\`body\` text,
  	\`slug\` text,
  	\`last_professional_change\` text,
  	\`update_type\` text,
  	\`change_note\` text,
  	\`revision\` numeric,
  	\`published_at\` text,
  	\`source_publisher\` text,
  	\`source_url\` text,
  	\`source_licence\` text DEFAULT 'NLOD 2.0',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`goal_area_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`chapters_edition_idx\` ON \`chapters\` (\`edition_id\`);`)
  await db.run(sql`CREATE INDEX \`chapters_number_idx\` ON \`chapters\` (\`number\`);`)
  await db.run(sql`CREATE INDEX \`chapters_goal_area_idx\` ON \`chapters\` (\`goal_area_id\`);`)
  await db.run(sql`CREATE INDEX \`chapters_slug_idx\` ON \`chapters\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`chapters_updated_at_idx\` ON \`chapters\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`chapters_created_at_idx\` ON \`chapters\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`chapters__status_idx\` ON \`chapters\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`chapters_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`measures_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`chapters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`measures_id\`) REFERENCES \`measures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`chapters_rels_order_idx\` ON \`chapters_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`chapters_rels_parent_idx\` ON \`chapters_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`chapters_rels_path_idx\` ON \`chapters_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`chapters_rels_measures_id_idx\` ON \`chapters_rels\` (\`measures_id\`);`)
  await db.run(sql`CREATE TABLE \`_chapters_v_version_footnotes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`text\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_chapters_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_footnotes_order_idx\` ON \`_chapters_v_version_footnotes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_footnotes_parent_id_idx\` ON \`_chapters_v_version_footnotes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_chapters_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_edition_id\` integer,
  	\`version_kind\` text DEFAULT 'chapter',
  	\`version_number\` text,
  	\`version_title\` text,
  	\`version_part\` numeric,
  	\`version_goal_area_id\` integer,
  	\`version_body\` text,
  	\`version_slug\` text,
  	\`version_last_professional_change\` text,
  	\`version_update_type\` text,
  	\`version_change_note\` text,
  	\`version_revision\` numeric,
  	\`version_published_at\` text,
  	\`version_source_publisher\` text,
  	\`version_source_url\` text,
  	\`version_source_licence\` text DEFAULT 'NLOD 2.0',
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`chapters\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_goal_area_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_chapters_v_parent_idx\` ON \`_chapters_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version_edition_idx\` ON \`_chapters_v\` (\`version_edition_id\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version_number_idx\` ON \`_chapters_v\` (\`version_number\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version_goal_area_idx\` ON \`_chapters_v\` (\`version_goal_area_id\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version_slug_idx\` ON \`_chapters_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version_updated_at_idx\` ON \`_chapters_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version_created_at_idx\` ON \`_chapters_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_version_version__status_idx\` ON \`_chapters_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_created_at_idx\` ON \`_chapters_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_updated_at_idx\` ON \`_chapters_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_latest_idx\` ON \`_chapters_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`_chapters_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`measures_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_chapters_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`measures_id\`) REFERENCES \`measures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_chapters_v_rels_order_idx\` ON \`_chapters_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_rels_parent_idx\` ON \`_chapters_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_rels_path_idx\` ON \`_chapters_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_chapters_v_rels_measures_id_idx\` ON \`_chapters_v_rels\` (\`measures_id\`);`)
  await db.run(sql`CREATE TABLE \`goal_areas_editions_effect_goals\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`goal_areas_editions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`goal_areas_editions_effect_goals_order_idx\` ON \`goal_areas_editions_effect_goals\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`goal_areas_editions_effect_goals_parent_id_idx\` ON \`goal_areas_editions_effect_goals\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`goal_areas_editions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`edition_id\` integer,
  	\`title\` text,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`goal_areas_editions_order_idx\` ON \`goal_areas_editions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`goal_areas_editions_parent_id_idx\` ON \`goal_areas_editions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`goal_areas_editions_edition_idx\` ON \`goal_areas_editions\` (\`edition_id\`);`)
  await db.run(sql`CREATE TABLE \`goal_areas\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`label\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`goal_areas_number_idx\` ON \`goal_areas\` (\`number\`);`)
  await db.run(sql`CREATE INDEX \`goal_areas_updated_at_idx\` ON \`goal_areas\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`goal_areas_created_at_idx\` ON \`goal_areas\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`goal_areas__status_idx\` ON \`goal_areas\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_goal_areas_v_version_editions_effect_goals\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`text\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_goal_areas_v_version_editions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_editions_effect_goals_order_idx\` ON \`_goal_areas_v_version_editions_effect_goals\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_editions_effect_goals_parent_id_idx\` ON \`_goal_areas_v_version_editions_effect_goals\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_goal_areas_v_version_editions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`edition_id\` integer,
  	\`title\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_goal_areas_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_editions_order_idx\` ON \`_goal_areas_v_version_editions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_editions_parent_id_idx\` ON \`_goal_areas_v_version_editions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_editions_edition_idx\` ON \`_goal_areas_v_version_editions\` (\`edition_id\`);`)
  await db.run(sql`CREATE TABLE \`_goal_areas_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_number\` numeric,
  	\`version_label\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_parent_idx\` ON \`_goal_areas_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_version_number_idx\` ON \`_goal_areas_v\` (\`version_number\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_version_updated_at_idx\` ON \`_goal_areas_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_version_created_at_idx\` ON \`_goal_areas_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_version_version__status_idx\` ON \`_goal_areas_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_created_at_idx\` ON \`_goal_areas_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_updated_at_idx\` ON \`_goal_areas_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_goal_areas_v_latest_idx\` ON \`_goal_areas_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`measures_statuses\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`edition_id\` integer,
  	\`status\` text,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`measures\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`measures_statuses_order_idx\` ON \`measures_statuses\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`measures_statuses_parent_id_idx\` ON \`measures_statuses\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`measures_statuses_edition_idx\` ON \`measures_statuses\` (\`edition_id\`);`)
  await db.run(sql`CREATE TABLE \`measures\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`number\` numeric,
  	\`label\` text,
  	\`title\` text,
  	\`goal_area_id\` integer,
  	\`description\` text,
  	\`source_publisher\` text,
  	\`source_url\` text,
  	\`source_licence\` text DEFAULT 'NLOD 2.0',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`goal_area_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`measures_number_idx\` ON \`measures\` (\`number\`);`)
  await db.run(sql`CREATE INDEX \`measures_goal_area_idx\` ON \`measures\` (\`goal_area_id\`);`)
  await db.run(sql`CREATE INDEX \`measures_updated_at_idx\` ON \`measures\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`measures_created_at_idx\` ON \`measures\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`measures__status_idx\` ON \`measures\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_measures_v_version_statuses\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`edition_id\` integer,
  	\`status\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`edition_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_measures_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_measures_v_version_statuses_order_idx\` ON \`_measures_v_version_statuses\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_statuses_parent_id_idx\` ON \`_measures_v_version_statuses\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_statuses_edition_idx\` ON \`_measures_v_version_statuses\` (\`edition_id\`);`)
  await db.run(sql`CREATE TABLE \`_measures_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_number\` numeric,
  	\`version_label\` text,
  	\`version_title\` text,
  	\`version_goal_area_id\` integer,
  	\`version_description\` text,
  	\`version_source_publisher\` text,
  	\`version_source_url\` text,
  	\`version_source_licence\` text DEFAULT 'NLOD 2.0',
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`measures\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_goal_area_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_measures_v_parent_idx\` ON \`_measures_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_version_number_idx\` ON \`_measures_v\` (\`version_number\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_version_goal_area_idx\` ON \`_measures_v\` (\`version_goal_area_id\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_version_updated_at_idx\` ON \`_measures_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_version_created_at_idx\` ON \`_measures_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_version_version__status_idx\` ON \`_measures_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_created_at_idx\` ON \`_measures_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_updated_at_idx\` ON \`_measures_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_measures_v_latest_idx\` ON \`_measures_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`news_important_measures\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`news\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`news_important_measures_order_idx\` ON \`news_important_measures\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`news_important_measures_parent_id_idx\` ON \`news_important_measures\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`news\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`kicker\` text,
  	\`title\` text,
  	\`slug\` text,
  	\`historical_archive\` integer,
  	\`published_under\` text,
  	\`publisher\` text,
  	\`published_at\` text,
  	\`body\` text,
  	\`source_publisher\` text,
  	\`source_url\` text,
  	\`source_licence\` text DEFAULT 'NLOD 2.0',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`news_slug_idx\` ON \`news\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`news_updated_at_idx\` ON \`news\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`news_created_at_idx\` ON \`news\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`news__status_idx\` ON \`news\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`_news_v_version_important_measures\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`text\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_news_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_news_v_version_important_measures_order_idx\` ON \`_news_v_version_important_measures\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_version_important_measures_parent_id_idx\` ON \`_news_v_version_important_measures\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_news_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_kicker\` text,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_historical_archive\` integer,
  	\`version_published_under\` text,
  	\`version_publisher\` text,
  	\`version_published_at\` text,
  	\`version_body\` text,
  	\`version_source_publisher\` text,
  	\`version_source_url\` text,
  	\`version_source_licence\` text DEFAULT 'NLOD 2.0',
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`news\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_news_v_parent_idx\` ON \`_news_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_version_version_slug_idx\` ON \`_news_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_version_version_updated_at_idx\` ON \`_news_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_version_version_created_at_idx\` ON \`_news_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_version_version__status_idx\` ON \`_news_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_created_at_idx\` ON \`_news_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_updated_at_idx\` ON \`_news_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_news_v_latest_idx\` ON \`_news_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`role\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`editions_id\` integer,
  	\`chapters_id\` integer,
  	\`goal_areas_id\` integer,
  	\`measures_id\` integer,
  	\`news_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`editions_id\`) REFERENCES \`editions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`chapters_id\`) REFERENCES \`chapters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`goal_areas_id\`) REFERENCES \`goal_areas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`measures_id\`) REFERENCES \`measures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`news_id\`) REFERENCES \`news\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_editions_id_idx\` ON \`payload_locked_documents_rels\` (\`editions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_chapters_id_idx\` ON \`payload_locked_documents_rels\` (\`chapters_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_goal_areas_id_idx\` ON \`payload_locked_documents_rels\` (\`goal_areas_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_measures_id_idx\` ON \`payload_locked_documents_rels\` (\`measures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_news_id_idx\` ON \`payload_locked_documents_rels\` (\`news_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`editions_parts\`;`)
  await db.run(sql`DROP TABLE \`editions\`;`)
  await db.run(sql`DROP TABLE \`_editions_v_version_parts\`;`)
  await db.run(sql`DROP TABLE \`_editions_v\`;`)
  await db.run(sql`DROP TABLE \`chapters_footnotes\`;`)
  await db.run(sql`DROP TABLE \`chapters\`;`)
  await db.run(sql`DROP TABLE \`chapters_rels\`;`)
  await db.run(sql`DROP TABLE \`_chapters_v_version_footnotes\`;`)
  await db.run(sql`DROP TABLE \`_chapters_v\`;`)
  await db.run(sql`DROP TABLE \`_chapters_v_rels\`;`)
  await db.run(sql`DROP TABLE \`goal_areas_editions_effect_goals\`;`)
  await db.run(sql`DROP TABLE \`goal_areas_editions\`;`)
  await db.run(sql`DROP TABLE \`goal_areas\`;`)
  await db.run(sql`DROP TABLE \`_goal_areas_v_version_editions_effect_goals\`;`)
  await db.run(sql`DROP TABLE \`_goal_areas_v_version_editions\`;`)
  await db.run(sql`DROP TABLE \`_goal_areas_v\`;`)
  await db.run(sql`DROP TABLE \`measures_statuses\`;`)
  await db.run(sql`DROP TABLE \`measures\`;`)
  await db.run(sql`DROP TABLE \`_measures_v_version_statuses\`;`)
  await db.run(sql`DROP TABLE \`_measures_v\`;`)
  await db.run(sql`DROP TABLE \`news_important_measures\`;`)
  await db.run(sql`DROP TABLE \`news\`;`)
  await db.run(sql`DROP TABLE \`_news_v_version_important_measures\`;`)
  await db.run(sql`DROP TABLE \`_news_v\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}

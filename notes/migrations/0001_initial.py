"""Session notes and the complaint map move here from the clients app.

State only: the tables keep their names (clients_...) and every row stays as it was.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("technique", "selfcareitem", "complaint", "sessionnote", "noteamendment")


def move_content_types(apps, schema_editor):
    # Keeps permissions granted on these models; on a new database there is nothing to move.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="clients", model__in=MODELS).update(app_label="notes")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="notes", model__in=MODELS).update(app_label="clients")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("clients", "0003_load_complaint_map"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SelfCareItem',
                    fields=[
                        ('id', models.SlugField(help_text='A stable id, e.g. piriformis.', max_length=60, primary_key=True, serialize=False)),
                        ('label', models.CharField(max_length=120)),
                        ('source', models.TextField(help_text='Where this entry comes from, so it can be reviewed.')),
                        ('position', models.PositiveSmallIntegerField(default=100, help_text='Order in lists.')),
                        ('instructions', models.TextField(help_text='Short instructions printed on the handout.')),
                    ],
                    options={
                        'db_table': 'clients_selfcareitem',
                        'verbose_name': 'self-care item',
                        'ordering': ['position', 'label'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Technique',
                    fields=[
                        ('id', models.SlugField(help_text='A stable id, e.g. piriformis.', max_length=60, primary_key=True, serialize=False)),
                        ('label', models.CharField(max_length=120)),
                        ('source', models.TextField(help_text='Where this entry comes from, so it can be reviewed.')),
                        ('position', models.PositiveSmallIntegerField(default=100, help_text='Order in lists.')),
                        ('description', models.TextField(blank=True)),
                        ('deep_pressure', models.BooleanField(default=False, help_text='Uses deep or forceful pressure.')),
                        ('restricted_by', models.JSONField(blank=True, default=list, help_text='Caution ids that exclude this technique, e.g. ["deep_tissue"]. Known ids: deep_tissue, ischemic_compression, trigger_point_full_pressure, forceful_stretching.')),
                    ],
                    options={
                        'db_table': 'clients_technique',
                        'ordering': ['position', 'label'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Complaint',
                    fields=[
                        ('id', models.SlugField(help_text='A stable id, e.g. piriformis.', max_length=60, primary_key=True, serialize=False)),
                        ('label', models.CharField(max_length=120)),
                        ('source', models.TextField(help_text='Where this entry comes from, so it can be reviewed.')),
                        ('position', models.PositiveSmallIntegerField(default=100, help_text='Order in lists.')),
                        ('feels', models.TextField(verbose_name='What clients feel')),
                        ('note', models.TextField(blank=True, help_text='How to apply the suggestions.')),
                        ('self_care', models.ManyToManyField(blank=True, related_name='complaints', to='notes.selfcareitem')),
                        ('techniques', models.ManyToManyField(blank=True, related_name='complaints', to='notes.technique')),
                    ],
                    options={
                        'db_table': 'clients_complaint',
                        'ordering': ['position', 'label'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='SessionNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('session_date', models.DateField(verbose_name='Date')),
                        ('duration_minutes', models.PositiveSmallIntegerField(verbose_name='Duration (minutes)')),
                        ('subjective', models.TextField(blank=True, verbose_name="Client's report")),
                        ('pain_before', models.PositiveSmallIntegerField(verbose_name='Pain before (0–10)')),
                        ('findings', models.TextField(blank=True)),
                        ('pressure', models.CharField(blank=True, choices=[('light', 'Light'), ('moderate', 'Moderate'), ('firm', 'Firm'), ('deep', 'Deep')], max_length=10)),
                        ('assessment', models.TextField(blank=True)),
                        ('plan', models.TextField(blank=True)),
                        ('self_care_notes', models.TextField(blank=True, verbose_name='Other self-care advice')),
                        ('pain_after', models.PositiveSmallIntegerField(verbose_name='Pain after (0–10)')),
                        ('psfs_activity_1', models.CharField(blank=True, max_length=120, verbose_name='Activity 1')),
                        ('psfs_score_1', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Score 1')),
                        ('psfs_activity_2', models.CharField(blank=True, max_length=120, verbose_name='Activity 2')),
                        ('psfs_score_2', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Score 2')),
                        ('psfs_activity_3', models.CharField(blank=True, max_length=120, verbose_name='Activity 3')),
                        ('psfs_score_3', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='Score 3')),
                        ('signed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('restrictions_at_signing', models.JSONField(blank=True, default=list, editable=False)),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='session_notes', to='clients.client')),
                        ('complaints', models.ManyToManyField(blank=True, related_name='session_notes', to='notes.complaint', verbose_name='Structures involved')),
                        ('self_care', models.ManyToManyField(blank=True, related_name='session_notes', to='notes.selfcareitem', verbose_name='Self-care given')),
                        ('signed_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('therapist', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='session_notes', to=settings.AUTH_USER_MODEL)),
                        ('techniques', models.ManyToManyField(blank=True, related_name='session_notes', to='notes.technique', verbose_name='Techniques used')),
                    ],
                    options={
                        'db_table': 'clients_sessionnote',
                        'ordering': ['-session_date', '-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='NoteAmendment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.TextField(verbose_name='Amendment')),
                        ('reason', models.CharField(max_length=300, verbose_name='Reason for the amendment')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('note', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amendments', to='notes.sessionnote')),
                    ],
                    options={
                        'db_table': 'clients_noteamendment',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='sessionnote',
                    index=models.Index(fields=['therapist', 'session_date'], name='clients_ses_therapi_c83806_idx'),
                ),
                migrations.AddConstraint(
                    model_name='sessionnote',
                    constraint=models.CheckConstraint(condition=models.Q(('pain_before__lte', 10), ('pain_after__lte', 10)), name='note_pain_is_0_to_10'),
                ),
                migrations.AddConstraint(
                    model_name='sessionnote',
                    constraint=models.CheckConstraint(condition=models.Q(('duration_minutes__gte', 1), ('duration_minutes__lte', 480)), name='note_duration_1_to_480_minutes'),
                ),
                migrations.AddConstraint(
                    model_name='sessionnote',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('psfs_score_1__isnull', True), ('psfs_score_1__lte', 10), _connector='OR'), models.Q(('psfs_score_2__isnull', True), ('psfs_score_2__lte', 10), _connector='OR'), models.Q(('psfs_score_3__isnull', True), ('psfs_score_3__lte', 10), _connector='OR')), name='note_psfs_is_0_to_10'),
                ),
                migrations.AddConstraint(
                    model_name='sessionnote',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('signed_at__isnull', True), ('signed_by__isnull', True)), models.Q(('signed_at__isnull', False), ('signed_by__isnull', False)), _connector='OR'), name='note_signed_by_someone_at_a_time'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]

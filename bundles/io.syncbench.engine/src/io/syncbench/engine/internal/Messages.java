package io.syncbench.engine.internal;

import org.eclipse.osgi.util.NLS;

/** Operator-facing texts of the engine. */
public final class Messages extends NLS {

	public static String Progress_to;
	public static String Progress_from;
	public static String Progress_entity;
	public static String Progress_entityCounted;
	public static String Problem_required;
	public static String Problem_wrongType;
	public static String Problem_tooLong;
	public static String Problem_controlCharacters;
	public static String Problem_invalidText;
	public static String Problem_scale;
	public static String Problem_precision;
	public static String Problem_duplicateKey;
	public static String Input_invalidText;
	public static String Input_scale;
	public static String Input_precision;
	public static String Type_file;
	public static String Problem_severalPartners;
	public static String Problem_partnerMappedElsewhere;
	public static String Problem_rejected;
	public static String Problem_unexpected;
	public static String Problem_answerCount;
	public static String Watch_name;
	public static String Problem_referenceNotSynchronized;
	public static String Problem_referenceInConflict;
	public static String Wait_inConflict;
	public static String Input_required;
	public static String Input_wrongType;
	public static String Input_tooLong;
	public static String Input_controlCharacters;
	public static String Type_text;
	public static String Type_integer;
	public static String Type_decimal;
	public static String Type_boolean;
	public static String Type_timestamp;
	public static String Resolve_gone;
	public static String Warning_postProcessing;
	public static String Warning_rounded;
	public static String System_companyDatabase;
	public static String Order_cycle;
	public static String Run_name;
	public static String Run_entityName;
	public static String Run_step;
	public static String Run_stepEntity;
	public static String Run_done;
	public static String Run_retries;
	public static String Run_canceled;
	public static String Run_failed;
	public static String Scheduler_tick;
	public static String HoldBack_paused;
	public static String HoldBack_tooSoon;
	public static String HoldBack_unreachable;
	public static String HoldBack_credentials;
	public static String HoldBack_conflicts;
	public static String HoldBack_noDatabase;
	public static String HoldBack_noEntity;
	public static String HoldBack_noCapture;
	public static String Setup_noDatabase;
	public static String Setup_noConnector;
	public static String Setup_noEntity;
	public static String Attention_failed;
	public static String Attention_conflict;
	public static String Attention_conflicts;
	public static String Attention_skipped;

	static {
		NLS.initializeMessages("io.syncbench.engine.internal.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}

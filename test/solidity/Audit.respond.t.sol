// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ITender} from "../../contracts/interfaces/ITender.sol";
import {ITenderAdmin} from "../../contracts/interfaces/ITenderAdmin.sol";
import {ITenderArbitration} from "../../contracts/interfaces/ITenderArbitration.sol";
import {ITenderEscrow} from "../../contracts/interfaces/ITenderEscrow.sol";
import {ITenderSigned} from "../../contracts/interfaces/ITenderSigned.sol";
import {Tender} from "../../contracts/types/Tender.sol";
import {ReentrantToken} from "./mocks/AdversarialTokens.sol";
import {ContractWallet} from "./mocks/Actors.sol";
import {MarketTest} from "./utils/MarketTest.sol";

/// @notice The chain-id cheatcode (EDR implements it at the same address as the others).
interface VmChain {
    function chainId(uint256 newChainId) external;
}

/// @notice A listed token whose `permit` calls back into a target (the escrow) with prepared calldata and records the
/// outcome; it grants no allowance.
contract PermitHookToken is ERC20 {
    address public target;
    bytes public payload;
    bool public called;
    bool public reentered;
    bytes public reentryError;

    constructor() ERC20("PermitHook", "PH") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    function permit(address, address, uint256, uint256, uint8, bytes32, bytes32) external {
        called = true;
        (bool ok, bytes memory err) = target.call(payload);
        reentered = ok;
        reentryError = err;
    }
}

/// @notice Audit of `respondBySig` (a supplier's signed answer to a dispute, its fee by permit) and of the refactor of
/// the plain `respond` into EscrowSupplier's `_respond` (custody contract and milestones module). Every test here pins
/// a property that was attacked and held.
contract AuditRespondTest is MarketTest {
    VmChain internal constant vmChain = VmChain(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant KEY = 0xA11CE5;
    uint256 internal constant OWNER_KEY = 0xB0B;
    address internal sup;
    address internal relayer = makeAddr("relayer");

    string internal constant ANSWER = "ipfs://answer";
    uint16 internal constant ARB_BPS = 200; // the registered arbitrator's fee
    uint32 internal constant RULE = 3 days; // its ruling window
    uint96 internal constant FEE = PRICE * ARB_BPS / 10_000;
    bytes4 internal constant REENTRANT = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    bytes32 private constant _DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant _RESPOND_TYPEHASH = keccak256(
        "Respond(address signer,uint256 jobId,uint256 milestone,string responseURI,address token,uint96 fee,address relayer,uint256 nonce,uint256 deadline)"
    );

    Tender.Permit internal none;
    /// @dev This chain's id, kept in storage: via IR, `block.chainid` read in a test is rematerialised after a
    /// `chainId` cheatcode (as `block.timestamp` is cached across `warp`).
    uint256 internal homeChain;

    function setUp() public override {
        super.setUp();
        sup = vm.addr(KEY);
        usd.mint(sup, 1_000e6); // tokens, no approval: a gasless agent
        homeChain = block.chainid;
    }

    /*//////////////////////////////////////////////////////////////
                                 SIGNING
    //////////////////////////////////////////////////////////////*/

    function domainOf(ITender e, uint256 chainId) internal pure returns (bytes32) {
        return keccak256(abi.encode(_DOMAIN_TYPEHASH, keccak256("Tender"), keccak256("1"), chainId, address(e)));
    }

    function signOn(uint256 key, bytes32 domain, bytes32 structHash) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        return abi.encodePacked(r, s, v);
    }

    function respondHash(Tender.Signed memory s, uint256 jobId, uint256 milestone, string memory uri, address token, uint96 fee)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                _RESPOND_TYPEHASH, s.signer, jobId, milestone, keccak256(bytes(uri)), token, fee, s.relayer, s.nonce, s.deadline
            )
        );
    }

    /// @dev `s` (signer, relayer, nonce, deadline set) signed with `key` on `domain` for the answer described.
    function signAs(
        uint256 key,
        bytes32 domain,
        Tender.Signed memory s,
        uint256 jobId,
        uint256 milestone,
        address token,
        uint96 fee
    ) internal pure returns (Tender.Signed memory) {
        s.signature = signOn(key, domain, respondHash(s, jobId, milestone, ANSWER, token, fee));
        return s;
    }

    function termsOf(address signer, uint256 nonce, uint256 deadline) internal pure returns (Tender.Signed memory s) {
        s.signer = signer;
        s.nonce = nonce;
        s.deadline = deadline;
    }

    /// @dev The gasless supplier's answer, open to any relayer, on this escrow and chain.
    function sig(uint256 jobId, uint256 milestone, address token, uint96 fee, uint256 nonce, uint256 deadline)
        internal
        view
        returns (Tender.Signed memory)
    {
        return signAs(KEY, domainOf(escrow, block.chainid), termsOf(sup, nonce, deadline), jobId, milestone, token, fee);
    }

    function nonceSpent(address signer, uint256 nonce) internal view returns (bool) {
        return escrow.nonceBitmap(signer, nonce >> 8) & (1 << (nonce & 0xff)) != 0;
    }

    /*//////////////////////////////////////////////////////////////
                                  JOBS
    //////////////////////////////////////////////////////////////*/

    function hireFor(address who, address token, uint96 price) internal view returns (Tender.DirectHire memory h) {
        h = hireOf(token);
        h.supplier = who;
        h.price = price;
    }

    function deliverAndDispute(uint256 jobId, address who, address token, uint256 buyerFee) internal {
        vm.prank(who);
        escrow.deliver(jobId, keccak256("work"), "ipfs://work");
        vm.prank(buyer);
        escrow.dispute{value: token == ETH ? buyerFee : 0}(jobId, "ipfs://statement");
    }

    /// @dev A direct hire of `who`, delivered and disputed by the buyer (at the time of the call).
    function disputedFor(address who, address token, uint96 price) internal returns (uint256 jobId) {
        jobId = post(hireFor(who, token, price));
        deliverAndDispute(jobId, who, token, uint256(price) * ARB_BPS / 10_000);
    }

    function postInMilestones(address who, address token, uint96 price, uint16[] memory shares)
        internal
        returns (uint256 jobId)
    {
        Tender.Milestone[] memory ms = new Tender.Milestone[](shares.length);
        for (uint256 i; i < shares.length; ++i) {
            ms[i] = Tender.Milestone({shareBps: shares[i], deliveryWindow: DELIVERY});
        }
        vm.prank(buyer);
        jobId = escrow.postDirectHireInMilestones{value: token == ETH ? price : 0}(hireFor(who, token, price), ms);
    }

    function two(uint16 a, uint16 b) internal pure returns (uint16[] memory s) {
        s = new uint16[](2);
        s[0] = a;
        s[1] = b;
    }

    function approveAll(address who) internal {
        vm.prank(who);
        usd.approve(address(escrow), type(uint256).max);
    }

    /*//////////////////////////////////////////////////////////////
                              DEADLINE EDGES
    //////////////////////////////////////////////////////////////*/

    /// @dev respond-by is exclusive for the signed answer as for the plain one: the last second answers (the ruling
    /// window from then), respond-by itself is refused with nothing spent, and the dispute then settles unanswered.
    function test_audit_respondBy_lastSecondAnswers_respondByRefused_thenUnanswered() public {
        uint256 a = disputedFor(sup, address(usd), PRICE);
        uint256 b = disputedFor(sup, address(usd), PRICE);
        approveAll(sup);
        uint256 deadline = START + RESPONSE + 1 days;

        vm.warp(START + RESPONSE - 1);
        vm.prank(relayer);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeAnswered(a, ANSWER, uint40(START + RESPONSE - 1 + RULE));
        escrow.respondBySig(a, ANSWER, none, sig(a, 0, address(usd), FEE, 0, deadline));
        assertEq(escrow.job(a).deadline, START + RESPONSE - 1 + RULE, "rule-by from the answer");

        vm.warp(START + RESPONSE);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, b, START + RESPONSE));
        escrow.respondBySig(b, ANSWER, none, sig(b, 0, address(usd), FEE, 1, deadline));
        assertFalse(nonceSpent(sup, 1), "a refused answer spends no nonce");

        uint256 buyerBefore = usd.balanceOf(buyer);
        escrow.settleDispute(b);
        assertEq(usd.balanceOf(buyer) - buyerBefore, PRICE + FEE, "unanswered: price and fee back to the buyer");
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlineNotReached.selector, a, START + RESPONSE - 1 + RULE));
        escrow.settleDispute(a);
    }

    /// @dev The signature's deadline is exclusive: a second before it answers, at it SignatureExpired.
    function test_audit_signatureDeadline_exclusive() public {
        uint256 a = disputedFor(sup, address(usd), PRICE);
        uint256 b = disputedFor(sup, address(usd), PRICE);
        approveAll(sup);
        uint256 deadline = START + 1 hours;
        Tender.Signed memory sa = sig(a, 0, address(usd), FEE, 0, deadline);
        Tender.Signed memory sb = sig(b, 0, address(usd), FEE, 1, deadline);

        vm.warp(deadline - 1);
        vm.prank(relayer);
        escrow.respondBySig(a, ANSWER, none, sa);
        assertTrue(escrow.job(a).answered, "answered a second before");

        vm.warp(deadline);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.SignatureExpired.selector, deadline));
        escrow.respondBySig(b, ANSWER, none, sb);
        assertFalse(escrow.job(b).answered, "not answered");
    }

    /*//////////////////////////////////////////////////////////////
                                 REPLAY
    //////////////////////////////////////////////////////////////*/

    /// @dev A signature answers only its job; its nonce is spent once across jobs; one the supplier overtook with a
    /// plain answer is refused by the state and spends nothing.
    function test_audit_replay_otherJob_sameNonce_overtakenByPlainAnswer() public {
        uint256 a = disputedFor(sup, address(usd), PRICE);
        uint256 b = disputedFor(sup, address(usd), PRICE);
        uint256 c = disputedFor(sup, address(usd), PRICE);
        approveAll(sup);
        uint256 deadline = START + 1 days;
        Tender.Signed memory sa = sig(a, 0, address(usd), FEE, 5, deadline);

        // Job a's answer (same fee, token, milestone 0) does not answer b.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, sup));
        escrow.respondBySig(b, ANSWER, none, sa);

        vm.prank(relayer);
        escrow.respondBySig(a, ANSWER, none, sa);
        // b's own answer with the nonce a spent: refused.
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NonceUsed.selector, sup, 5));
        escrow.respondBySig(b, ANSWER, none, sig(b, 0, address(usd), FEE, 5, deadline));

        // c answered plainly first: its pending signature is refused by the state, its nonce still free.
        Tender.Signed memory sc = sig(c, 0, address(usd), FEE, 6, deadline);
        uint256 before = usd.balanceOf(sup);
        vm.prank(sup);
        escrow.respond(c, "ipfs://plain");
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.AlreadyAnswered.selector, c));
        escrow.respondBySig(c, ANSWER, none, sc);
        assertFalse(nonceSpent(sup, 6), "nonce 6 free");
        assertEq(before - usd.balanceOf(sup), FEE, "one fee for c");
    }

    /// @dev Another chain: the domain is computed per call from block.chainid.
    function test_audit_replay_otherChain() public {
        uint256 jobId = disputedFor(sup, address(usd), PRICE);
        approveAll(sup);
        uint256 home = homeChain;
        uint256 deadline = START + 1 days;
        Tender.Signed memory here = sig(jobId, 0, address(usd), FEE, 0, deadline);
        Tender.Signed memory there =
            signAs(KEY, domainOf(escrow, home + 1), termsOf(sup, 0, deadline), jobId, 0, address(usd), FEE);

        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, sup));
        escrow.respondBySig(jobId, ANSWER, none, there);

        vmChain.chainId(home + 1); // a fork of this chain
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, sup));
        escrow.respondBySig(jobId, ANSWER, none, here);

        vmChain.chainId(home);
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, here);
        assertTrue(escrow.job(jobId).answered, "answered at home");
    }

    /// @dev Another escrow with a job of the same id, supplier, token and fee: the domain names the escrow.
    function test_audit_replay_otherEscrow() public {
        ITender first = escrow;
        uint256 jobId = disputedFor(sup, address(usd), PRICE);
        ITender other = deployEscrow(owner, treasury, FEE_BPS, MIN_WINDOW, MAX_WINDOW, GRACE, RESPONSE);
        vm.prank(owner);
        other.setTokenAllowed(address(usd), true);
        vm.prank(arbitrator);
        uint32 otherTerms = other.registerArbitrator(ARB_BPS, RULE, "ipfs://terms");
        assertEq(otherTerms, termsId, "same terms id");
        vm.startPrank(buyer);
        usd.approve(address(other), type(uint256).max);
        uint256 otherJob = other.postDirectHire(hireFor(sup, address(usd), PRICE));
        vm.stopPrank();
        assertEq(otherJob, jobId, "same job id");
        vm.prank(sup);
        other.deliver(otherJob, keccak256("work"), "ipfs://work");
        vm.prank(buyer);
        other.dispute(otherJob, "ipfs://statement");
        vm.startPrank(sup);
        usd.approve(address(first), type(uint256).max);
        usd.approve(address(other), type(uint256).max);
        vm.stopPrank();

        Tender.Signed memory forFirst =
            signAs(KEY, domainOf(first, block.chainid), termsOf(sup, 0, START + 1 days), jobId, 0, address(usd), FEE);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, sup));
        other.respondBySig(otherJob, ANSWER, none, forFirst);
        assertFalse(other.job(otherJob).answered, "other escrow's dispute unanswered");

        vm.prank(relayer);
        first.respondBySig(jobId, ANSWER, none, forFirst);
        assertTrue(first.job(jobId).answered, "answered where it was signed");
    }

    /// @dev A job in milestones: an answer signed for milestone 0's dispute and overtaken by a plain answer cannot
    /// answer milestone 1's dispute, even where both milestones' fees are equal (50/50); its nonce stays free.
    function test_audit_replay_otherMilestone_sameFee() public {
        approveAll(sup);
        uint256 jobId = postInMilestones(sup, address(usd), PRICE, two(5_000, 5_000));
        uint96 fee = uint96(uint256(PRICE) / 2 * ARB_BPS / 10_000);
        deliverAndDispute(jobId, sup, address(usd), fee);
        Tender.Signed memory stale = sig(jobId, 0, address(usd), fee, 0, START + 30 days);
        vm.prank(sup);
        escrow.respond(jobId, "ipfs://plain");
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.AlreadyAnswered.selector, jobId));
        escrow.respondBySig(jobId, ANSWER, none, stale);

        vm.prank(arbitrator);
        escrow.rule(jobId, 0, keccak256("for the supplier")); // the next milestone opens
        assertEq(escrow.milestonesOf(jobId).current, 1, "milestone 1 in progress");
        deliverAndDispute(jobId, sup, address(usd), fee);

        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, sup));
        escrow.respondBySig(jobId, ANSWER, none, stale);
        assertFalse(nonceSpent(sup, 0), "nonce 0 free");

        uint256 before = usd.balanceOf(sup);
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, sig(jobId, 1, address(usd), fee, 0, START + 30 days));
        assertTrue(escrow.job(jobId).answered, "milestone 1 answered");
        assertEq(before - usd.balanceOf(sup), fee, "milestone 1's fee");
    }

    /*//////////////////////////////////////////////////////////////
                            FEE SUBSTITUTION
    //////////////////////////////////////////////////////////////*/

    /// @dev Every field of the answer is bound: a fee of 0 or one more, another token, another URI, another signer.
    function test_audit_feeSubstitution_everyFieldBound() public {
        uint256 jobId = disputedFor(sup, address(usd), PRICE);
        approveAll(sup);
        uint256 d = START + 1 days;
        bytes4 invalid = ITenderSigned.InvalidSignature.selector;

        vm.startPrank(relayer);
        vm.expectRevert(abi.encodeWithSelector(invalid, sup));
        escrow.respondBySig(jobId, ANSWER, none, sig(jobId, 0, address(usd), 0, 0, d));
        vm.expectRevert(abi.encodeWithSelector(invalid, sup));
        escrow.respondBySig(jobId, ANSWER, none, sig(jobId, 0, address(usd), FEE + 1, 0, d));
        vm.expectRevert(abi.encodeWithSelector(invalid, sup));
        escrow.respondBySig(jobId, ANSWER, none, sig(jobId, 0, ETH, FEE, 0, d));
        vm.expectRevert(abi.encodeWithSelector(invalid, sup));
        escrow.respondBySig(jobId, "ipfs://not-what-was-signed", none, sig(jobId, 0, address(usd), FEE, 0, d));
        Tender.Signed memory wrongSigner = sig(jobId, 0, address(usd), FEE, 0, d);
        wrongSigner.signer = supplier; // someone else's name on sup's signature
        vm.expectRevert(abi.encodeWithSelector(invalid, supplier));
        escrow.respondBySig(jobId, ANSWER, none, wrongSigner);
        vm.stopPrank();
        assertFalse(escrow.job(jobId).answered, "nothing answered");
        assertEq(usd.balanceOf(sup), 1_000e6, "nothing taken");

        // The module alone, not through an escrow: refused.
        vm.expectRevert(ITenderAdmin.NotDelegated.selector);
        signedModule.respondBySig(jobId, ANSWER, none, sig(jobId, 0, address(usd), FEE, 0, d));
    }

    /// @dev A fee that rounds to 0 (49 units at 2%): the buyer paid none, the signed answer needs no token, no
    /// permit and no allowance, and the ruling pays out everything.
    function test_audit_feeRoundsToZero_noPermitNeeded_allPaidOut() public {
        address poor = vm.addr(KEY + 1);
        uint96 price = 49;
        uint256 jobId = post(hireFor(poor, address(usd), price));
        uint256 b0 = usd.balanceOf(buyer);
        deliverAndDispute(jobId, poor, address(usd), 0);
        assertEq(b0 - usd.balanceOf(buyer), 0, "the buyer paid no fee");

        Tender.Signed memory s =
            signAs(KEY + 1, domainOf(escrow, block.chainid), termsOf(poor, 0, START + 1 days), jobId, 0, address(usd), 0);
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, s);
        assertTrue(escrow.job(jobId).answered, "answered for nothing");

        vm.prank(arbitrator);
        escrow.rule(jobId, 5_000, keccak256("even"));
        assertEq(usd.balanceOf(poor), 25, "half the price, rounded up for the supplier");
        assertEq(usd.balanceOf(arbitrator), 0, "no fee to the arbitrator");
        assertEq(usd.balanceOf(address(escrow)), 0, "nothing left in escrow");
    }

    /// @dev An ETH job whose arbitrator charges 0: signed for a fee of 0, it answers with no value; value sent to the
    /// signed answer is refused (it is not payable). With a fee, an ETH job refuses the signed answer (PermitForEth),
    /// and the plain answer takes exactly the fee as value.
    function test_audit_ethJobs_zeroFeeSigned_feeOnlyPlain() public {
        address arb0 = makeAddr("arb0");
        vm.prank(arb0);
        uint32 free = escrow.registerArbitrator(0, RULE, "ipfs://free");
        Tender.DirectHire memory h = hireFor(sup, ETH, PRICE);
        h.arbitrator = arb0;
        h.arbitratorTermsId = free;
        uint256 jobId = post(h);
        deliverAndDispute(jobId, sup, ETH, 0);
        Tender.Signed memory s = sig(jobId, 0, ETH, 0, 0, START + 1 days);

        vm.deal(relayer, 1 ether);
        vm.prank(relayer);
        (bool ok,) = address(escrow).call{value: 1}(abi.encodeCall(ITenderSigned.respondBySig, (jobId, ANSWER, none, s)));
        assertFalse(ok, "value refused");
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, s);
        assertTrue(escrow.job(jobId).answered, "an ETH job's free answer, signed");

        uint256 paid = disputedFor(sup, ETH, PRICE);
        vm.prank(relayer);
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.respondBySig(paid, ANSWER, none, sig(paid, 0, ETH, FEE, 1, START + 1 days));
        vm.deal(sup, 1 ether);
        vm.prank(sup);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, FEE - 1, FEE));
        escrow.respond{value: FEE - 1}(paid, ANSWER);
        vm.prank(sup);
        escrow.respond{value: FEE}(paid, ANSWER);
        assertEq(sup.balance, 1 ether - FEE, "the fee as value");
    }

    /*//////////////////////////////////////////////////////////////
                          PERMITS AND RELAYERS
    //////////////////////////////////////////////////////////////*/

    /// @dev Someone submits the carried permit to the token first: the answer goes through on the allowance, the fee
    /// taken once.
    function test_audit_frontRunPermit_stillAnswers() public {
        uint256 jobId = disputedFor(sup, address(usd), PRICE);
        Tender.Permit memory p = permitOf(KEY, address(escrow), FEE, START + 1 days);
        Tender.Signed memory s = sig(jobId, 0, address(usd), FEE, 0, START + 1 days);

        vm.prank(stranger);
        usd.permit(sup, address(escrow), p.value, p.deadline, p.v, p.r, p.s);
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, p, s);
        assertTrue(escrow.job(jobId).answered, "answered");
        assertEq(usd.balanceOf(sup), 1_000e6 - FEE, "one fee");
        assertEq(usd.allowance(sup, address(escrow)), 0, "the allowance spent");
    }

    /// @dev Griefing: a stranger racing a named relayer is refused; racing an open one with a bad permit, or with
    /// the signer's permit for less than the fee, reverts whole (no nonce, no token nonce, no answer), and the real
    /// submission goes through after.
    function test_audit_relayerGriefing_refusedWhole() public {
        uint256 jobId = disputedFor(sup, address(usd), PRICE);
        Tender.Signed memory named = termsOf(sup, 0, START + 1 days);
        named.relayer = relayer;
        named = signAs(KEY, domainOf(escrow, block.chainid), named, jobId, 0, address(usd), FEE);
        Tender.Permit memory p = permitOf(KEY, address(escrow), FEE, START + 1 days);

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.NotRelayer.selector, relayer, stranger));
        escrow.respondBySig(jobId, ANSWER, p, named);

        Tender.Signed memory open = sig(jobId, 0, address(usd), FEE, 1, START + 1 days);
        Tender.Permit memory garbage =
            Tender.Permit({value: p.value, deadline: p.deadline, v: p.v, r: p.r, s: bytes32(uint256(p.s) ^ 1)});
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), sup, 0, FEE));
        escrow.respondBySig(jobId, ANSWER, garbage, open);
        Tender.Permit memory short_ = permitOf(KEY, address(escrow), FEE - 1, START + 1 days);
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(usd), sup, FEE - 1, FEE)
        );
        escrow.respondBySig(jobId, ANSWER, short_, open);
        assertFalse(nonceSpent(sup, 1), "nonce free");
        assertEq(usd.nonces(sup), 0, "the short permit rolled back too");
        assertFalse(escrow.job(jobId).answered, "unanswered");

        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, p, named);
        assertTrue(escrow.job(jobId).answered, "the named relayer answers");
        assertEq(usd.balanceOf(sup), 1_000e6 - FEE, "one fee");
    }

    /// @dev A contract wallet supplier signs through ERC-1271 and pays from its own balance; its owner's signature in
    /// the owner's own name is not the wallet's answer.
    function test_audit_contractWallet_ERC1271() public {
        address walletOwner = vm.addr(OWNER_KEY);
        ContractWallet wallet = new ContractWallet(walletOwner);
        usd.mint(address(wallet), 1_000e6);
        wallet.exec(address(usd), abi.encodeCall(usd.approve, (address(escrow), FEE)));
        uint256 jobId = disputedFor(address(wallet), address(usd), PRICE);
        bytes32 domain = domainOf(escrow, block.chainid);
        Tender.Signed memory s = signAs(OWNER_KEY, domain, termsOf(address(wallet), 0, START + 1 days), jobId, 0, address(usd), FEE);

        wallet.setRefuse(true);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.InvalidSignature.selector, address(wallet)));
        escrow.respondBySig(jobId, ANSWER, none, s);
        wallet.setRefuse(false);

        Tender.Signed memory asOwner = signAs(OWNER_KEY, domain, termsOf(walletOwner, 0, START + 1 days), jobId, 0, address(usd), FEE);
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, walletOwner));
        escrow.respondBySig(jobId, ANSWER, none, asOwner);

        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, s);
        assertTrue(escrow.job(jobId).answered, "the wallet answered");
        assertEq(usd.balanceOf(address(wallet)), 1_000e6 - FEE, "the fee from the wallet");
        assertTrue(nonceSpent(address(wallet), 0), "the wallet's nonce");
    }

    /*//////////////////////////////////////////////////////////////
                             HOSTILE TOKENS
    //////////////////////////////////////////////////////////////*/

    /// @dev A token that re-enters during `_collect`'s transferFrom: every state-changing dispute entry (settle,
    /// rule, the plain answer) is locked; the answer completes once, the fee taken once.
    function test_audit_reentrancyViaTokenDuringCollect_locked() public {
        ReentrantToken rt = new ReentrantToken();
        allowToken(address(rt));
        rt.mint(buyer, 1e18);
        rt.mint(sup, 1e18);
        vm.prank(buyer);
        rt.approve(address(escrow), type(uint256).max);
        vm.prank(sup);
        rt.approve(address(escrow), type(uint256).max);
        uint256 jobId = disputedFor(sup, address(rt), PRICE);

        for (uint256 i; i < 3; ++i) {
            uint256 id = i == 0 ? jobId : disputedFor(sup, address(rt), PRICE);
            bytes memory payload = i == 0
                ? abi.encodeCall(ITenderArbitration.settleDispute, (id))
                : i == 1
                    ? abi.encodeCall(ITenderArbitration.rule, (id, 0, bytes32(0)))
                    : abi.encodeCall(ITenderArbitration.respond, (id, "ipfs://again"));
            rt.arm(address(escrow), payload);
            uint256 before = rt.balanceOf(sup);
            vm.prank(relayer);
            escrow.respondBySig(id, ANSWER, none, sig(id, 0, address(rt), FEE, i, START + 1 days));
            assertTrue(rt.attempted(), "re-entry attempted");
            assertFalse(rt.reentered(), "re-entry refused");
            assertEq(bytes32(rt.reentryError()), bytes32(REENTRANT), "by the lock");
            assertTrue(escrow.job(id).answered, "answered");
            assertEq(before - rt.balanceOf(sup), FEE, "one fee");
            rt.arm(address(0), "");
        }
    }

    /// @dev A token whose `permit` re-enters (and grants nothing): the re-entry is locked; the answer goes through on
    /// an allowance already there, and without one is refused by name.
    function test_audit_reentrancyViaPermit_locked_allowanceReadAfter() public {
        PermitHookToken ph = new PermitHookToken();
        allowToken(address(ph));
        ph.mint(buyer, 1e18);
        ph.mint(sup, 1e18);
        vm.prank(buyer);
        ph.approve(address(escrow), type(uint256).max);
        uint256 jobId = disputedFor(sup, address(ph), PRICE);
        ph.arm(address(escrow), abi.encodeCall(ITenderArbitration.settleDispute, (jobId)));
        Tender.Signed memory s = sig(jobId, 0, address(ph), FEE, 0, START + 1 days);

        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(ITenderSigned.PermitAllowanceShort.selector, address(ph), sup, 0, FEE));
        escrow.respondBySig(jobId, ANSWER, none, s);

        vm.prank(sup);
        ph.approve(address(escrow), FEE);
        vm.prank(relayer);
        escrow.respondBySig(jobId, ANSWER, none, s);
        assertTrue(ph.called(), "permit tried");
        assertFalse(ph.reentered(), "re-entry refused");
        assertEq(bytes32(ph.reentryError()), bytes32(REENTRANT), "by the lock");
        assertTrue(escrow.job(jobId).answered, "answered");
        assertEq(ph.balanceOf(sup), 1e18 - FEE, "one fee");
    }

    /*//////////////////////////////////////////////////////////////
                       THE PLAIN ANSWER, REFACTORED
    //////////////////////////////////////////////////////////////*/

    /// @dev The custody contract's plain answer as before: its checks in order, the fee the buyer's, the ruling
    /// window from the answer, no record written, and the ruling's payout.
    function test_audit_plainRespond_escrow_unchanged() public {
        uint256 jobId = disputedFor(supplier, address(usd), PRICE);
        uint256 late = disputedFor(supplier, address(usd), PRICE);
        uint256 notDisputed = post(hireFor(supplier, address(usd), PRICE));

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.NotSupplier.selector, jobId, stranger));
        escrow.respond(jobId, ANSWER);
        vm.prank(supplier);
        vm.expectRevert(
            abi.encodeWithSelector(ITenderEscrow.WrongStatus.selector, notDisputed, Tender.Status.Disputed, Tender.Status.Awarded)
        );
        escrow.respond(notDisputed, ANSWER);
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 1, 0));
        escrow.respond{value: 1}(jobId, ANSWER);

        vm.warp(START + RESPONSE - 1);
        uint256 before = usd.balanceOf(supplier);
        vm.prank(supplier);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeAnswered(jobId, ANSWER, uint40(START + RESPONSE - 1 + RULE));
        escrow.respond(jobId, ANSWER);
        assertEq(before - usd.balanceOf(supplier), FEE, "the buyer's fee");
        Tender.Job memory j = escrow.job(jobId);
        assertTrue(j.answered, "answered");
        assertEq(j.deadline, START + RESPONSE - 1 + RULE, "rule-by");
        assertEq(uint256(j.status), uint256(Tender.Status.Disputed), "still disputed");
        assertEq(escrow.supplierRecord(supplier).disputesFaced, 2, "faced, counted at the disputes only");
        assertEq(escrow.buyerRecord(buyer).disputesOpened, 2, "opened, counted at the disputes only");
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderArbitration.AlreadyAnswered.selector, jobId));
        escrow.respond(jobId, ANSWER);

        vm.warp(START + RESPONSE);
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.DeadlinePassed.selector, late, START + RESPONSE));
        escrow.respond(late, ANSWER);

        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.prank(arbitrator);
        escrow.rule(jobId, 10_000, keccak256("for the buyer"));
        assertEq(usd.balanceOf(buyer) - buyerBefore, PRICE + FEE, "price and its fee back");
        assertEq(usd.balanceOf(arbitrator), FEE, "the loser's fee to the arbitrator");
        assertEq(escrow.supplierRecord(supplier).disputesLost, 1, "lost");
        assertEq(escrow.arbitrator(arbitrator).rulingsForBuyer, 1, "ruled for the buyer");
    }

    /// @dev The milestones module's plain answer as before: the last milestone's fee is of the rest of the price (its
    /// rounding), the same as the buyer's; an ETH milestone's fee is the exact value; a signed answer to an ETH
    /// milestone is refused.
    function test_audit_plainRespond_milestones_unchanged() public {
        uint96 price = 100e6 + 7;
        uint16[] memory shares = new uint16[](3);
        shares[0] = 3_333;
        shares[1] = 3_333;
        shares[2] = 3_334;
        uint256 jobId = postInMilestones(supplier, address(usd), price, shares);
        for (uint256 i; i < 2; ++i) {
            vm.prank(supplier);
            escrow.deliver(jobId, keccak256("work"), "ipfs://work");
            vm.prank(buyer);
            escrow.confirm(jobId, 0);
        }
        uint256 gross = price - 2 * (uint256(price) * 3_333 / 10_000);
        uint256 fee = gross * ARB_BPS / 10_000;
        uint256 b0 = usd.balanceOf(buyer);
        deliverAndDispute(jobId, supplier, address(usd), fee);
        assertEq(b0 - usd.balanceOf(buyer), fee, "the buyer's fee: the rest of the price's");
        uint256 s0 = usd.balanceOf(supplier);
        vm.prank(supplier);
        vm.expectEmit(address(escrow));
        emit ITenderArbitration.DisputeAnswered(jobId, ANSWER, uint40(START + RULE));
        escrow.respond(jobId, ANSWER);
        assertEq(s0 - usd.balanceOf(supplier), fee, "the supplier's, the same");
        vm.prank(arbitrator);
        escrow.rule(jobId, 5_000, keccak256("even"));
        assertEq(usd.balanceOf(arbitrator), 2 * fee - 2 * (fee / 2), "both fees' rest to the arbitrator");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only protocol fees left");

        uint256 inEth = postInMilestones(supplier, ETH, PRICE, two(4_000, 6_000));
        uint256 ethFee = uint256(PRICE) * 4_000 / 10_000 * ARB_BPS / 10_000;
        deliverAndDispute(inEth, supplier, ETH, ethFee);
        vm.prank(supplier);
        vm.expectRevert(abi.encodeWithSelector(ITenderEscrow.WrongEthValue.selector, 0, ethFee));
        escrow.respond(inEth, ANSWER);
        Tender.Signed memory bySupplier = signAs(
            uint256(keccak256(bytes("supplier"))),
            domainOf(escrow, block.chainid),
            termsOf(supplier, 0, START + 1 days),
            inEth,
            0,
            ETH,
            uint96(ethFee)
        );
        vm.prank(relayer);
        vm.expectRevert(ITenderSigned.PermitForEth.selector);
        escrow.respondBySig(inEth, ANSWER, none, bySupplier);
        uint256 e0 = supplier.balance;
        vm.prank(supplier);
        escrow.respond{value: ethFee}(inEth, ANSWER);
        assertEq(e0 - supplier.balance, ethFee, "the milestone's fee as value");
    }

    /*//////////////////////////////////////////////////////////////
                            THE MONEY INVARIANT
    //////////////////////////////////////////////////////////////*/

    function expectedSplit(uint256 price, uint256 fee, uint256 share, bool silent)
        internal
        pure
        returns (uint256 toBuyer, uint256 toSupplier, uint256 toArbitrator)
    {
        toBuyer = price * share / 10_000;
        uint256 supplierShare = price - toBuyer;
        toSupplier = supplierShare - supplierShare * FEE_BPS / 10_000;
        if (silent) return (toBuyer + fee, toSupplier + fee, 0);
        if (share > 5_000) return (toBuyer + fee, toSupplier, fee);
        if (share < 5_000) return (toBuyer, toSupplier + fee, fee);
        return (toBuyer + fee / 2, toSupplier + fee / 2, 2 * fee - 2 * (fee / 2));
    }

    /// @dev A job paid at once, any price and arbitrator fee, answered plainly or by signature: the supplier pays
    /// exactly what the buyer paid (⌊price × feeBps / 10,000⌋), the ruling or the silent default pays each side and
    /// the arbitrator as the split says, and only the protocol fee stays in escrow.
    function testFuzz_audit_money_jobPaidAtOnce(uint96 price, uint16 feeBps, uint16 share, bool silent, bool bySig)
        public
    {
        price = uint96(bound(price, 1, 1e15));
        feeBps = uint16(bound(feeBps, 0, 1_000));
        share = uint16(bound(share, 0, 10_000));
        address arb = makeAddr("arbF");
        vm.prank(arb);
        uint32 t = escrow.registerArbitrator(feeBps, RULE, "ipfs://f");
        usd.mint(sup, 1e18);
        approveAll(sup);
        Tender.DirectHire memory h = hireFor(sup, address(usd), price);
        h.arbitrator = arb;
        h.arbitratorTermsId = t;
        uint256 jobId = post(h);
        uint256 fee = uint256(price) * feeBps / 10_000;

        uint256 b0 = usd.balanceOf(buyer);
        deliverAndDispute(jobId, sup, address(usd), fee);
        assertEq(b0 - usd.balanceOf(buyer), fee, "the buyer's fee");
        uint256 s0 = usd.balanceOf(sup);
        if (bySig) {
            vm.prank(relayer);
            escrow.respondBySig(jobId, ANSWER, none, sig(jobId, 0, address(usd), uint96(fee), 0, START + 1 days));
        } else {
            vm.prank(sup);
            escrow.respond(jobId, ANSWER);
        }
        assertEq(s0 - usd.balanceOf(sup), fee, "the supplier's fee, the buyer's");

        b0 = usd.balanceOf(buyer);
        s0 = usd.balanceOf(sup);
        if (silent) {
            vm.warp(START + RULE);
            escrow.settleDispute(jobId);
        } else {
            vm.prank(arb);
            escrow.rule(jobId, share, keccak256("r"));
        }
        (uint256 toBuyer, uint256 toSupplier, uint256 toArbitrator) = expectedSplit(price, fee, silent ? 5_000 : share, silent);
        assertEq(usd.balanceOf(buyer) - b0, toBuyer, "to the buyer");
        assertEq(usd.balanceOf(sup) - s0, toSupplier, "to the supplier");
        assertEq(usd.balanceOf(arb), toArbitrator, "to the arbitrator");
        assertEq(usd.balanceOf(address(escrow)), escrow.protocolFees(address(usd)), "only the protocol fee left");
    }

    /// @dev A job in two milestones, either milestone disputed, answered plainly or by signature: both fees are the
    /// arbitrator's bps of the milestone's gross (the last one's the rest of the price), and what stays in escrow is
    /// the protocol fee and any milestone still to run.
    function testFuzz_audit_money_milestones(uint96 price, uint16 first, uint16 share, bool second, bool bySig) public {
        price = uint96(bound(price, 1, 1e15));
        first = uint16(bound(first, 1, 9_999));
        share = uint16(bound(share, 0, 10_000));
        usd.mint(sup, 1e18);
        approveAll(sup);
        uint256 jobId = postInMilestones(sup, address(usd), price, two(first, uint16(10_000 - first)));
        uint256 gross = uint256(price) * first / 10_000;
        if (second) {
            vm.prank(sup);
            escrow.deliver(jobId, keccak256("work"), "ipfs://work");
            vm.prank(buyer);
            escrow.confirm(jobId, 0);
            gross = price - gross;
        }
        uint256 fee = gross * ARB_BPS / 10_000;

        uint256 b0 = usd.balanceOf(buyer);
        deliverAndDispute(jobId, sup, address(usd), fee);
        assertEq(b0 - usd.balanceOf(buyer), fee, "the buyer's fee");
        uint256 s0 = usd.balanceOf(sup);
        if (bySig) {
            vm.prank(relayer);
            escrow.respondBySig(
                jobId, ANSWER, none, sig(jobId, second ? 1 : 0, address(usd), uint96(fee), 0, START + 1 days)
            );
        } else {
            vm.prank(sup);
            escrow.respond(jobId, ANSWER);
        }
        assertEq(s0 - usd.balanceOf(sup), fee, "the supplier's fee, the buyer's");

        uint256 a0 = usd.balanceOf(arbitrator);
        vm.prank(arbitrator);
        escrow.rule(jobId, share, keccak256("r"));
        (,, uint256 toArbitrator) = expectedSplit(gross, fee, share, false);
        assertEq(usd.balanceOf(arbitrator) - a0, toArbitrator, "to the arbitrator");
        uint256 running = escrow.job(jobId).status == Tender.Status.Awarded ? price - escrow.milestonesOf(jobId).settled : 0;
        assertEq(
            usd.balanceOf(address(escrow)),
            escrow.protocolFees(address(usd)) + running,
            "the protocol fee and the milestones still to run"
        );
    }
}
